// Hidden tabs stop streaming (issue 8, scenario 8): a page hidden for hiddenGraceMs stops its
// live sessions; visible again, they start again; a quick tab switch keeps the stream.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRouterTransport } from "@connectrpc/connect";
import { ScriptumService, ThreadStatus, type WatchThreadResponse } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { createScriptumClient } from "../client";
import { getThreadLiveSession, hiddenGraceMs, retainThreadLiveSession, runningSessionCount } from "./liveRegistry";
import { ev, thread } from "./testEvents";

function setup() {
  const calls = { watch: 0, aborted: 0 };
  const transport = createRouterTransport(({ service }) => {
    service(ScriptumService, {
      getThread: async (req) => thread(ThreadStatus.RUNNING, { threadId: req.threadId }),
      async *watchThread(req, ctx): AsyncGenerator<WatchThreadResponse> {
        calls.watch++;
        yield ev(1, { case: "threadStarted", value: { totalSteps: 2 } }, req.threadId);
        await new Promise<void>((resolve) =>
          ctx.signal.addEventListener("abort", () => {
            calls.aborted++;
            resolve();
          }),
        );
      },
    });
  });
  return { client: createScriptumClient(transport), calls };
}

let visibility: "visible" | "hidden" = "visible";
function setVisibility(value: "visible" | "hidden"): void {
  visibility = value;
  document.dispatchEvent(new Event("visibilitychange"));
}

describe("liveRegistry in a hidden page", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    visibility = "visible";
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => visibility });
  });
  afterEach(() => {
    setVisibility("visible");
    vi.useRealTimers();
  });

  it("stops the stream after the page has been hidden for a while, and starts it again when visible", async () => {
    const { client, calls } = setup();
    const session = getThreadLiveSession(client, "thr_h");
    const release = retainThreadLiveSession(client, session);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.watch).toBe(1);

    setVisibility("hidden");
    await vi.advanceTimersByTimeAsync(hiddenGraceMs - 100);
    expect(session.isRunning).toBe(true);
    await vi.advanceTimersByTimeAsync(200);
    expect(session.isRunning).toBe(false);
    expect(calls.aborted).toBe(1);
    expect(runningSessionCount(client)).toBe(0);

    setVisibility("visible");
    await vi.advanceTimersByTimeAsync(100);
    expect(session.isRunning).toBe(true);
    expect(calls.watch).toBe(2);
    release();
  });

  it("keeps the stream across a quick tab switch", async () => {
    const { client, calls } = setup();
    const session = getThreadLiveSession(client, "thr_q");
    const release = retainThreadLiveSession(client, session);
    await vi.advanceTimersByTimeAsync(100);
    setVisibility("hidden");
    await vi.advanceTimersByTimeAsync(hiddenGraceMs / 2);
    setVisibility("visible");
    await vi.advanceTimersByTimeAsync(hiddenGraceMs * 2);
    expect(session.isRunning).toBe(true);
    expect(calls.watch).toBe(1);
    release();
  });

  it("does not start a view opened while the page is hidden until it is visible", async () => {
    const { client, calls } = setup();
    const first = retainThreadLiveSession(client, getThreadLiveSession(client, "thr_1"));
    setVisibility("hidden");
    await vi.advanceTimersByTimeAsync(hiddenGraceMs + 100);
    const session = getThreadLiveSession(client, "thr_2");
    const release = retainThreadLiveSession(client, session);
    await vi.advanceTimersByTimeAsync(100);
    expect(session.isRunning).toBe(false);
    expect(calls.watch).toBe(1);
    setVisibility("visible");
    await vi.advanceTimersByTimeAsync(100);
    expect(session.isRunning).toBe(true);
    expect(calls.watch).toBe(3);
    release();
    first();
  });
});
