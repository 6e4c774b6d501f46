import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRouterTransport } from "@connectrpc/connect";
import { ScriptumService, ThreadStatus, type WatchThreadResponse } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { createScriptumClient } from "../client";
import { getThreadLiveSession, releaseGraceMs, retainThreadLiveSession, runningSessionCount } from "./liveRegistry";
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

describe("liveRegistry", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("shares one session and one stream per thread, and stops it after the last release", async () => {
    const { client, calls } = setup();
    const a = getThreadLiveSession(client, "thr_1");
    const b = getThreadLiveSession(client, "thr_1");
    expect(a).toBe(b);
    const releaseA = retainThreadLiveSession(client, a);
    const releaseB = retainThreadLiveSession(client, b);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.watch).toBe(1);
    expect(runningSessionCount(client)).toBe(1);

    releaseA();
    releaseA(); // idempotent
    await vi.advanceTimersByTimeAsync(releaseGraceMs + 100);
    expect(a.isRunning).toBe(true);

    releaseB();
    await vi.advanceTimersByTimeAsync(releaseGraceMs - 100);
    expect(a.isRunning).toBe(true);
    await vi.advanceTimersByTimeAsync(200);
    expect(a.isRunning).toBe(false);
    expect(calls.aborted).toBe(1);
    expect(runningSessionCount(client)).toBe(0);
    // A later visit gets a new session.
    expect(getThreadLiveSession(client, "thr_1")).not.toBe(a);
  });

  it("keeps the stream across a quick release and retain (route change, strict mode)", async () => {
    const { client, calls } = setup();
    const s = getThreadLiveSession(client, "thr_2");
    const release = retainThreadLiveSession(client, s);
    await vi.advanceTimersByTimeAsync(100);
    release();
    await vi.advanceTimersByTimeAsync(10);
    const again = retainThreadLiveSession(client, getThreadLiveSession(client, "thr_2"));
    await vi.advanceTimersByTimeAsync(releaseGraceMs * 3);
    expect(calls.watch).toBe(1);
    expect(s.isRunning).toBe(true);
    again();
  });

  it("opens one stream per thread: two threads, two streams", async () => {
    const { client, calls } = setup();
    const r1 = retainThreadLiveSession(client, getThreadLiveSession(client, "thr_a"));
    const r2 = retainThreadLiveSession(client, getThreadLiveSession(client, "thr_b"));
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.watch).toBe(2);
    r1();
    r2();
  });
});
