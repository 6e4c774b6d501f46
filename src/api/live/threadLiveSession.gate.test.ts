// The live engine behind the call gate (storm guard, issue 8 scenario 3), over a real gated
// transport (createRouterTransport with real handlers): a session stopped by refused credentials
// starts again by itself when the gate lets calls through (the tab visible again, "Try now"); while
// the gate holds calls the view says when it sends next, not "next in 0 s"; a stream waiting out its
// backoff goes as soon as the gate reopens.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { ScriptumService, ThreadStatus, type WatchThreadResponse } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { createCallGate } from "../callGate";
import { createScriptumClient } from "../client";
import { createGatedTransport } from "../gatedTransport";
import { connectionLabel } from "./connectionState";
import { started, thread } from "./testEvents";
import { ThreadLiveSession } from "./threadLiveSession";

type Answer = "ok" | "unavailable" | "unauthenticated";

function setup() {
  const control = { answer: "ok" as Answer };
  const calls = { getThread: 0, watch: 0 };
  const fail = (): void => {
    if (control.answer === "unavailable") throw new ConnectError("down", Code.Unavailable);
    if (control.answer === "unauthenticated") throw new ConnectError("missing bearer token", Code.Unauthenticated);
  };
  const transport = createRouterTransport(({ service }) => {
    service(ScriptumService, {
      getThread: async () => {
        calls.getThread++;
        await Promise.resolve();
        fail();
        return thread(ThreadStatus.RUNNING);
      },
      async *watchThread(_req, ctx): AsyncGenerator<WatchThreadResponse> {
        calls.watch++;
        fail();
        yield started(1);
        await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
      },
    });
  });
  const gate = createCallGate({ random: () => 0.5 });
  const client = createScriptumClient(createGatedTransport(transport, gate));
  const session = new ThreadLiveSession(client, "thr_1", { random: () => 0.5, gate });
  return { control, calls, gate, client, session };
}

const label = (s: ThreadLiveSession) => connectionLabel(s.getView().connection, Date.now());

describe("ThreadLiveSession behind the call gate", () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 0, 2, 10, 0, 0) }));
  afterEach(() => vi.useRealTimers());

  it("refused: stops with the error, then starts again by itself when the gate allows a probe", async () => {
    const { control, calls, gate, session } = setup();
    control.answer = "unauthenticated";
    session.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(session.getView().fatalError?.code).toBe(Code.Unauthenticated);
    expect(session.isRunning).toBe(false);
    expect(gate.getSnapshot().kind).toBe("refused");
    // No loop while refused.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls.getThread).toBe(1);

    // The token was fixed elsewhere; the tab becomes visible again (or "Try now"): one probe.
    control.answer = "ok";
    gate.allowProbe();
    await vi.advanceTimersByTimeAsync(100);
    expect(gate.getSnapshot().kind).toBe("ok");
    expect(session.getView().fatalError).toBeUndefined();
    expect(session.isRunning).toBe(true);
    expect(label(session)).toBe("Live");
    expect(calls).toEqual({ getThread: 2, watch: 1 });
    session.stop();
  });

  it("refused again on the probe: stops again, one request, no loop", async () => {
    const { control, calls, gate, session } = setup();
    control.answer = "unauthenticated";
    session.start();
    await vi.advanceTimersByTimeAsync(100);
    gate.allowProbe();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls.getThread).toBe(2);
    expect(session.getView().fatalError?.code).toBe(Code.Unauthenticated);
    expect(session.isRunning).toBe(false);
  });

  it("stopped by its users, it stays stopped when the gate reopens", async () => {
    const { control, calls, gate, session } = setup();
    control.answer = "unauthenticated";
    session.start();
    await vi.advanceTimersByTimeAsync(100);
    session.stop();
    control.answer = "ok";
    gate.allowProbe();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(session.isRunning).toBe(false);
    expect(calls.getThread).toBe(1);
  });

  it("while the gate holds calls, shows the gate's next try instead of 'next in 0 s'", async () => {
    const { control, session } = setup();
    session.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(label(session)).toBe("Live");
    control.answer = "unavailable";
    session.stop();
    session.start();
    // Several minutes into the outage the gate's backoff (~30 s) is longer than the stream's.
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    const labels = new Set<string>();
    for (let i = 0; i < 60; i++) {
      labels.add(label(session));
      await vi.advanceTimersByTimeAsync(500);
    }
    expect([...labels].some((l) => / in 0 s/.test(l))).toBe(false);
    expect([...labels].some((l) => /^Stale since 10:00:00 \(next try in [1-9]\d? s\)$/.test(l))).toBe(true);
    session.stop();
  });

  it("a stream waiting out its backoff goes as soon as the gate reopens", async () => {
    const { control, calls, gate, client, session } = setup();
    session.start();
    await vi.advanceTimersByTimeAsync(100);
    control.answer = "unavailable";
    session.stop();
    session.start();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(gate.getSnapshot().kind).toBe("unreachable");
    control.answer = "ok";
    // Another call of the page is the probe that finds the service back.
    gate.allowProbe();
    await client.getThread({ threadId: "thr_1" });
    const watchesBefore = calls.watch;
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.watch).toBe(watchesBefore + 1);
    expect(label(session)).toBe("Live");
    session.stop();
  });
});
