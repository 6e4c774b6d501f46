// Storm guard (issue 8, scenario 3): with every call failing UNAVAILABLE for 10 minutes, one live
// view makes at most 60 requests (stream reconnects and GetThread polls both back off to ~30 s),
// and it recovers by itself when the server answers again.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { ScriptumService, ThreadStatus, type WatchThreadResponse } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { createScriptumClient } from "../client";
import { started, thread } from "./testEvents";
import { ThreadLiveSession } from "./threadLiveSession";

describe("ThreadLiveSession storm guard", () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 0, 2, 10, 0, 0) }));
  afterEach(() => vi.useRealTimers());

  it("makes at most 60 requests in 10 minutes of UNAVAILABLE, then goes Live again", async () => {
    let down = false;
    const calls = { getThread: 0, watch: 0 };
    const transport = createRouterTransport(({ service }) => {
      service(ScriptumService, {
        getThread: async () => {
          calls.getThread++;
          if (down) throw new ConnectError("down", Code.Unavailable);
          return thread(ThreadStatus.RUNNING);
        },
        async *watchThread(_req, ctx): AsyncGenerator<WatchThreadResponse> {
          calls.watch++;
          if (down) throw new ConnectError("down", Code.Unavailable);
          yield started(1);
          await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
          throw new ConnectError("dropped", Code.Unavailable);
        },
      });
    });
    const client = createScriptumClient(transport);
    const session = new ThreadLiveSession(client, "thr_1", { random: () => 0.5 });
    session.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(session.getView().connection.kind).toBe("live");

    // The server goes down (and the open stream is dropped with it).
    down = true;
    session.stop();
    session.start();
    const before = calls.getThread + calls.watch;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const during = calls.getThread + calls.watch - before;
    expect(during).toBeLessThanOrEqual(60);
    expect(["stale", "reconnecting"]).toContain(session.getView().connection.kind);

    down = false;
    await vi.advanceTimersByTimeAsync(40_000);
    expect(session.getView().connection.kind).toBe("live");
    session.stop();
  });
});
