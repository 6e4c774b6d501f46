import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Code, ConnectError, createRouterTransport, type HandlerContext } from "@connectrpc/connect";
import {
  ScriptumService,
  ThreadStatus,
  type Thread,
  type WatchThreadResponse,
} from "../gen/dodil/scriptum/v1/scriptum_pb";
import { createScriptumClient } from "../client";
import { connectionLabel } from "./connectionState";
import { sequenceAt } from "./eventLog";
import { TestChannel } from "./testChannel";
import { completed, invoiceRunToAsk, started, stepCompleted, stepStarted, thread } from "./testEvents";
import { ThreadLiveSession } from "./threadLiveSession";

interface Server {
  getThread: (callIndex: number) => Thread | ConnectError;
  watch: (attempt: number, ctx: HandlerContext) => AsyncIterable<WatchThreadResponse>;
}

function setup(server: Server) {
  const calls = { getThread: 0, watch: 0, watchAborted: 0 };
  const transport = createRouterTransport(({ service }) => {
    service(ScriptumService, {
      getThread: async () => {
        const result = server.getThread(calls.getThread++);
        if (result instanceof ConnectError) throw result;
        return result;
      },
      async *watchThread(_req, ctx) {
        const attempt = ++calls.watch;
        ctx.signal.addEventListener("abort", () => calls.watchAborted++);
        yield* server.watch(attempt, ctx);
      },
    });
  });
  const session = new ThreadLiveSession(createScriptumClient(transport), "thr_1", { random: () => 0.5 });
  let notifications = 0;
  session.subscribe(() => notifications++);
  return { session, calls, notifications: () => notifications };
}

const label = (s: ThreadLiveSession) => connectionLabel(s.getView().connection, Date.now());
const sequences = (s: ThreadLiveSession) => {
  const log = s.getView().state.timeline;
  return Array.from({ length: log.count }, (_, i) => sequenceAt(log, i));
};

async function* hang(ctx: HandlerContext): AsyncGenerator<WatchThreadResponse> {
  await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
  yield* [];
}

describe("ThreadLiveSession", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 2, 10, 0, 0) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("loads the snapshot, streams events in batches, and ends on a terminal event", async () => {
    const channel = new TestChannel<WatchThreadResponse>();
    const { session, calls, notifications } = setup({
      getThread: () => thread(ThreadStatus.RUNNING),
      watch: (_n, ctx) => channel.stream(ctx.signal),
    });
    session.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(calls.getThread).toBe(1);
    expect(calls.watch).toBe(1);

    const before = notifications();
    channel.push(started(1, 3), stepStarted(2, "1"), stepCompleted(3, "1"), stepStarted(4, "2"));
    await vi.advanceTimersByTimeAsync(100);
    expect(sequences(session)).toEqual([1, 2, 3, 4]);
    expect(label(session)).toBe("Live");
    // 4 events, one connection change: far fewer renders than messages.
    expect(notifications() - before).toBeLessThanOrEqual(2);

    channel.push(stepCompleted(5, "2"), completed(6));
    await vi.advanceTimersByTimeAsync(100);
    const view = session.getView();
    expect(view.thread.status).toBe(ThreadStatus.COMPLETED);
    expect(label(session)).toBe("Final: the thread has finished");
    expect(calls.watchAborted).toBe(1);
    // Nothing more is requested for a finished thread.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.watch).toBe(1);
    expect(calls.getThread).toBe(1);
  });

  it("reconnects with backoff after a stream error and drops the replayed events", async () => {
    const run = invoiceRunToAsk();
    const { session, calls } = setup({
      getThread: () => thread(ThreadStatus.RUNNING),
      watch: async function* (attempt, ctx) {
        if (attempt === 1) {
          yield* run.slice(0, 5);
          throw new ConnectError("dropped", Code.Unavailable);
        }
        // The replay from sequence 1, then new events, then the stream stays open.
        yield* run.slice(0, 9);
        yield* hang(ctx);
      },
    });
    session.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(sequences(session)).toEqual([1, 2, 3, 4, 5]);
    expect(label(session)).toBe("Reconnecting (attempt 1, next in 1 s)");
    expect(session.getView().connection).toMatchObject({ kind: "reconnecting", attempt: 1 });

    await vi.advanceTimersByTimeAsync(600);
    expect(calls.watch).toBe(2);
    expect(sequences(session)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(session.getView().state.droppedDuplicates).toBe(5);
    expect(session.getView().reconnects).toBe(1);
    expect(label(session)).toBe("Live");
    session.stop();
  });

  it("grows the backoff while the stream keeps failing, then polls", async () => {
    const { session, calls } = setup({
      getThread: () => thread(ThreadStatus.RUNNING),
      watch: async function* (attempt) {
        if (attempt === 1) yield started(1);
        throw new ConnectError("down", Code.Unavailable);
      },
    });
    session.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(session.getView().connection).toMatchObject({ kind: "reconnecting", attempt: 1 });
    await vi.advanceTimersByTimeAsync(500);
    expect(calls.watch).toBe(2);
    // Second failure in a row: it cannot be established, so poll while retrying at 1 s, 2 s, …
    expect(label(session)).toBe("Polling every 1 s");
    const getsBefore = calls.getThread;
    await vi.advanceTimersByTimeAsync(1_020);
    expect(calls.watch).toBe(3);
    expect(session.getView().connection).toMatchObject({ kind: "polling" });
    await vi.advanceTimersByTimeAsync(1_900);
    expect(calls.watch).toBe(3);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls.watch).toBe(4);
    expect(calls.getThread - getsBefore).toBeGreaterThanOrEqual(3);
    session.stop();
  });

  it("falls back to polling on UNIMPLEMENTED and reaches the terminal status by polling", async () => {
    let status = ThreadStatus.RUNNING;
    const { session, calls } = setup({
      getThread: () => thread(status, { currentStepPath: "2", totalSteps: 3 }),
      // eslint-disable-next-line require-yield
      watch: async function* () {
        throw new ConnectError("no watch here", Code.Unimplemented);
      },
    });
    session.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(label(session)).toBe("Polling every 1 s");
    await vi.advanceTimersByTimeAsync(3_000);
    expect(calls.getThread).toBeGreaterThanOrEqual(4);
    expect(calls.watch).toBe(1);

    status = ThreadStatus.COMPLETED;
    await vi.advanceTimersByTimeAsync(1_100);
    expect(session.getView().thread.status).toBe(ThreadStatus.COMPLETED);
    expect(label(session)).toBe("Final: the thread has finished");
    const gets = calls.getThread;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls.getThread).toBe(gets);
    session.stop();
  });

  it("retries an UNIMPLEMENTED stream in the background and goes back to Live when it works", async () => {
    const { session, calls } = setup({
      getThread: () => thread(ThreadStatus.RUNNING),
      watch: async function* (attempt, ctx) {
        if (attempt === 1) throw new ConnectError("no watch here", Code.Unimplemented);
        yield started(1);
        yield* hang(ctx);
      },
    });
    session.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(label(session)).toBe("Polling every 1 s");
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls.watch).toBe(2);
    expect(label(session)).toBe("Live");
    session.stop();
  });

  it("falls back to polling when the stream hangs without a message (buffering proxy)", async () => {
    const { session, calls } = setup({
      getThread: (n) => thread(n < 3 ? ThreadStatus.RUNNING : ThreadStatus.PAUSED, { currentStepPath: "3" }),
      watch: (_attempt, ctx) => hang(ctx),
    });
    session.start();
    await vi.advanceTimersByTimeAsync(2_400);
    expect(label(session)).toBe("Connecting…");
    await vi.advanceTimersByTimeAsync(200);
    expect(label(session)).toBe("Polling every 1 s");
    await vi.advanceTimersByTimeAsync(2_600);
    expect(session.getView().thread.status).toBe(ThreadStatus.PAUSED);
    expect(session.getView().thread.waitingFor?.stepPath).toBe("3");
    expect(label(session)).toBe("Polling every 5 s");
    expect(calls.watch).toBe(1);
    session.stop();
    expect(calls.watchAborted).toBe(1);
  });

  it("notices a pause the stream does not announce within 5 s of the ask step", async () => {
    let paused = false;
    const { session } = setup({
      getThread: () =>
        paused
          ? thread(ThreadStatus.PAUSED, { currentStepPath: "3", currentStepName: "approve-amount" })
          : thread(ThreadStatus.RUNNING),
      watch: async function* (_attempt, ctx) {
        yield* invoiceRunToAsk();
        paused = true;
        yield* hang(ctx);
      },
    });
    session.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(session.getView().thread.status).toBe(ThreadStatus.RUNNING);
    expect(session.getView().thread.openAsk?.path).toBe("3");
    await vi.advanceTimersByTimeAsync(4_900);
    const view = session.getView();
    expect(view.thread.status).toBe(ThreadStatus.PAUSED);
    expect(view.thread.waitingFor).toEqual({ stepPath: "3", stepName: "approve-amount" });
    expect(label(session)).toBe("Live");
    session.stop();
  });

  it("shows Stale since when polling fails too", async () => {
    const { session } = setup({
      getThread: (n) => (n === 0 ? thread(ThreadStatus.RUNNING) : new ConnectError("down", Code.Unavailable)),
      // eslint-disable-next-line require-yield
      watch: async function* () {
        throw new ConnectError("down", Code.Unavailable);
      },
    });
    session.start();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(label(session)).toBe("Stale since 10:00:00");
    session.stop();
  });

  it("stops at NOT_FOUND without opening a stream", async () => {
    const { session, calls } = setup({
      getThread: () => new ConnectError("no such thread", Code.NotFound),
      watch: (_n, ctx) => hang(ctx),
    });
    session.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(session.getView().fatalError?.code).toBe(Code.NotFound);
    expect(calls.watch).toBe(0);
  });

  it("aborts the stream on stop and keeps the reducer state for a restart", async () => {
    const { session, calls } = setup({
      getThread: () => thread(ThreadStatus.RUNNING),
      watch: async function* (_n, ctx) {
        yield* [started(1), stepStarted(2, "1")];
        yield* hang(ctx);
      },
    });
    session.start();
    await vi.advanceTimersByTimeAsync(100);
    session.stop();
    await vi.advanceTimersByTimeAsync(10);
    expect(calls.watchAborted).toBe(1);
    session.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.watch).toBe(2);
    expect(sequences(session)).toEqual([1, 2]);
    expect(session.getView().state.droppedDuplicates).toBe(2);
    session.stop();
  });

  it("retries a GetThread that failed at first while the stream is live", async () => {
    const { session, calls } = setup({
      getThread: (n) => (n === 0 ? new ConnectError("blip", Code.Unavailable) : thread(ThreadStatus.RUNNING, { scriptName: "ticker" })),
      watch: async function* (_n, ctx) {
        yield started(1);
        yield* hang(ctx);
      },
    });
    session.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(session.getView().state.snapshot).toBeUndefined();
    expect(label(session)).toBe("Live");
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls.getThread).toBe(2);
    expect(session.getView().state.snapshot?.scriptName).toBe("ticker");
    session.stop();
  });
});
