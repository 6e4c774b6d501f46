import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport, type Transport } from "@connectrpc/connect";
import {
  ScriptumService,
  ThreadSchema,
  WatchThreadResponseSchema,
  type WatchThreadResponse,
} from "./gen/dodil/scriptum/v1/scriptum_pb";
import { createCallGate, type CallGate } from "./callGate";
import { outcomeOfFailure, outcomeOfStreamFailure } from "./callGateOutcome";
import { isHeldByGate } from "./errors";
import { createGatedTransport, gatedRead } from "./gatedTransport";

const T0 = Date.UTC(2026, 0, 2, 10, 0, 0);

type Answer = "ok" | "unavailable" | "unauthenticated" | "not-found";
type WatchMode = "ok" | "fail-at-once" | "break-after-one";

/** A real in-memory ScriptumService whose answers the test switches. */
function backend() {
  const calls = { getThread: 0, watch: 0 };
  const control = { answer: "ok" as Answer, watch: "ok" as WatchMode, networkDown: false };
  let release: (() => void) | undefined;
  const slow = { on: false };
  const router = createRouterTransport(({ service }) => {
    service(ScriptumService, {
      async getThread(request) {
        calls.getThread++;
        if (slow.on) await new Promise<void>((resolve) => (release = resolve));
        switch (control.answer) {
          case "ok":
            return create(ThreadSchema, { threadId: request.threadId });
          case "unavailable":
            throw new ConnectError("upstream connect error", Code.Unavailable);
          case "unauthenticated":
            throw new ConnectError("missing bearer token", Code.Unauthenticated);
          case "not-found":
            throw new ConnectError(`thread ${request.threadId} not found`, Code.NotFound);
        }
      },
      async *watchThread(request, ctx): AsyncGenerator<WatchThreadResponse> {
        calls.watch++;
        if (control.watch === "fail-at-once") throw new ConnectError("watch unavailable", Code.Unavailable);
        yield create(WatchThreadResponseSchema, { threadId: request.threadId, sequence: 1n });
        if (control.watch === "break-after-one") throw new ConnectError("stream dropped", Code.Unavailable);
        await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
      },
    });
  });
  // fetch() rejecting (no answer at all), as connect-web reports it: UNKNOWN caused by a TypeError.
  const networkFailure = () => Promise.reject(ConnectError.from(new TypeError("Failed to fetch")));
  const transport: Transport = {
    unary: (...args) => (control.networkDown ? networkFailure() : router.unary(...args)),
    stream: (...args) => (control.networkDown ? networkFailure() : router.stream(...args)),
  };
  return { transport, calls, control, slow, release: () => release?.() };
}

function setup() {
  const service = backend();
  const gate = createCallGate({ random: () => 0.5 });
  const client = createClient(ScriptumService, createGatedTransport(service.transport, gate));
  return { ...service, gate, client };
}

type Client = ReturnType<typeof setup>["client"];

async function outcome(call: Promise<unknown>): Promise<"ok" | ConnectError> {
  try {
    await call;
    return "ok";
  } catch (error) {
    return ConnectError.from(error);
  }
}

/** Opens WatchThread and reads until the first message or the end; the stream stays open. */
async function openWatch(client: Client, signal: AbortSignal): Promise<"message" | "ended" | ConnectError> {
  try {
    for await (const _message of client.watchThread({ threadId: "thr_1" }, { signal })) return "message";
    return "ended";
  } catch (error) {
    return ConnectError.from(error);
  }
}

async function closeGate(gate: CallGate, client: Client, control: { answer: Answer }): Promise<void> {
  control.answer = "unavailable";
  await outcome(client.getThread({ threadId: "thr_1" }));
  await outcome(client.getThread({ threadId: "thr_1" }));
  expect(gate.getSnapshot()).toMatchObject({ kind: "unreachable", failures: 1 });
}

beforeEach(() => vi.useFakeTimers({ now: T0 }));
afterEach(() => vi.useRealTimers());

describe("createGatedTransport: unary calls", () => {
  it("does not send while the service is unreachable, probes after the backoff, recovers on an answer", async () => {
    const { gate, client, calls, control } = setup();
    await closeGate(gate, client, control);
    expect(calls.getThread).toBe(2);

    const held = await outcome(client.getThread({ threadId: "thr_1" }));
    expect(held).toBeInstanceOf(ConnectError);
    expect(isHeldByGate(held)).toBe(true);
    expect((held as ConnectError).code).toBe(Code.Unavailable);
    expect((held as ConnectError).rawMessage).toBe(
      "not sent: the service has been unreachable since 10:00:00; next try in 1 s",
    );
    expect(calls.getThread).toBe(2);

    // The probe fails: 2 s more.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await outcome(client.getThread({ threadId: "thr_1" }))).toMatchObject({ code: Code.Unavailable });
    expect(calls.getThread).toBe(3);
    expect(gate.getSnapshot()).toMatchObject({ kind: "unreachable", failures: 2 });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(isHeldByGate(await outcome(client.getThread({ threadId: "thr_1" })))).toBe(true);
    expect(calls.getThread).toBe(3);

    // The service is back: the next probe goes, and so does everything after it.
    control.answer = "ok";
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome(client.getThread({ threadId: "thr_1" }))).toBe("ok");
    expect(gate.getSnapshot().kind).toBe("ok");
    expect(await outcome(client.getThread({ threadId: "thr_1" }))).toBe("ok");
    expect(calls.getThread).toBe(5);
  });

  it("sends one probe at a time", async () => {
    const { gate, client, calls, control, slow, release } = setup();
    const { probe } = await startSlowProbe(gate, client, control, slow);
    const others = await Promise.all([1, 2, 3].map(() => outcome(client.getThread({ threadId: "thr_1" }))));
    expect(others.every(isHeldByGate)).toBe(true);
    expect(calls.getThread).toBe(3);
    release();
    expect(await probe).toBe("ok");
    expect(gate.getSnapshot().kind).toBe("ok");
  });

  it("counts a network failure (fetch rejected) like UNAVAILABLE", async () => {
    const { gate, client, control } = setup();
    control.networkDown = true;
    await outcome(client.getThread({ threadId: "thr_1" }));
    await outcome(client.getThread({ threadId: "thr_1" }));
    expect(gate.getSnapshot()).toMatchObject({ kind: "unreachable" });
  });

  it("any answer of the server (NOT_FOUND) proves it is reachable", async () => {
    const { gate, client, control } = setup();
    await closeGate(gate, client, control);
    await vi.advanceTimersByTimeAsync(1_000);
    control.answer = "not-found";
    expect(await outcome(client.getThread({ threadId: "thr_1" }))).toMatchObject({ code: Code.NotFound });
    expect(gate.getSnapshot().kind).toBe("ok");
  });

  it("refused: every later call fails at once with the stored answer until a new gate", async () => {
    const { gate, client, calls, control, transport } = setup();
    control.answer = "unauthenticated";
    expect(await outcome(client.getThread({ threadId: "thr_1" }))).toMatchObject({ code: Code.Unauthenticated });
    expect(gate.getSnapshot().kind).toBe("refused");
    control.answer = "ok";
    await vi.advanceTimersByTimeAsync(600_000);
    for (let i = 0; i < 5; i++) {
      const held = await outcome(client.getThread({ threadId: "thr_1" }));
      expect(held).toMatchObject({ code: Code.Unauthenticated, rawMessage: "missing bearer token" });
      expect(isHeldByGate(held)).toBe(true);
    }
    expect(await openWatch(client, new AbortController().signal)).toMatchObject({ code: Code.Unauthenticated });
    expect(calls).toEqual({ getThread: 1, watch: 0 });

    // A new connection (or "Try again") is a new gate.
    const fresh = createClient(ScriptumService, createGatedTransport(transport, createCallGate()));
    expect(await outcome(fresh.getThread({ threadId: "thr_1" }))).toBe("ok");
    expect(calls.getThread).toBe(2);
  });

  it("refused: the allowed probe goes; calls made meanwhile wait for its answer", async () => {
    const { gate, client, calls, control, slow, release } = setup();
    control.answer = "unauthenticated";
    await outcome(client.getThread({ threadId: "thr_1" }));
    control.answer = "ok";
    slow.on = true;
    gate.allowProbe();
    const probe = outcome(client.getThread({ threadId: "thr_1" }));
    await vi.advanceTimersByTimeAsync(0);
    const waiting = outcome(client.getThread({ threadId: "thr_2" }));
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.getThread).toBe(2);
    slow.on = false;
    release();
    expect(await probe).toBe("ok");
    expect(await waiting).toBe("ok");
    expect(calls.getThread).toBe(3);
  });
});

describe("createGatedTransport: streams", () => {
  it("a stream that opened and broke mid-way does not count: reconnects go at once", async () => {
    const { gate, client, calls, control } = setup();
    control.watch = "break-after-one";
    for (let i = 0; i < 5; i++) {
      const lost: string[] = [];
      try {
        for await (const _m of client.watchThread({ threadId: "thr_1" })) lost.push("message");
      } catch (error) {
        lost.push(ConnectError.from(error).rawMessage);
      }
      expect(lost).toEqual(["message", "stream dropped"]);
    }
    expect(calls.watch).toBe(5);
    expect(gate.getSnapshot().kind).toBe("ok");
  });

  it("a stream answering UNAVAILABLE before its first message does not close the gate: GetThread polling must still go", async () => {
    const { gate, client, calls, control } = setup();
    control.watch = "fail-at-once";
    const signal = new AbortController().signal;
    for (let i = 0; i < 4; i++) expect(await openWatch(client, signal)).toMatchObject({ code: Code.Unavailable });
    expect(gate.getSnapshot().kind).toBe("ok");
    const before = calls.getThread;
    expect(await outcome(client.getThread({ threadId: "thr_1" }))).toBe("ok");
    expect(calls.getThread).toBe(before + 1);
  });

  it("counts a stream whose request never got an answer (fetch rejected)", async () => {
    const { gate, client, control } = setup();
    control.networkDown = true;
    const signal = new AbortController().signal;
    await openWatch(client, signal);
    await openWatch(client, signal);
    expect(gate.getSnapshot()).toMatchObject({ kind: "unreachable" });
  });

  it("while unreachable a stream open waits for the next probe slot, then opens and reopens the gate", async () => {
    const { gate, client, calls, control } = setup();
    await closeGate(gate, client, control);
    const abort = new AbortController();
    let opened: "message" | "ended" | ConnectError | undefined;
    void openWatch(client, abort.signal).then((result) => (opened = result));
    await vi.advanceTimersByTimeAsync(900);
    expect(opened).toBeUndefined();
    expect(calls.watch).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(opened).toBe("message");
    expect(calls.watch).toBe(1);
    expect(gate.getSnapshot().kind).toBe("ok");
    abort.abort();
  });

  it("'Try now' wakes a waiting stream open: it goes as the probe", async () => {
    const { gate, client, calls, control } = setup();
    await closeGate(gate, client, control);
    const abort = new AbortController();
    let opened: "message" | "ended" | ConnectError | undefined;
    void openWatch(client, abort.signal).then((result) => (opened = result));
    await vi.advanceTimersByTimeAsync(10);
    expect(calls.watch).toBe(0);
    gate.allowProbe();
    await vi.advanceTimersByTimeAsync(10);
    expect(opened).toBe("message");
    expect(calls.watch).toBe(1);
    expect(gate.getSnapshot().kind).toBe("ok");
    abort.abort();
  });

  it("a stream open waiting behind another probe goes as soon as that probe finds the service", async () => {
    const { gate, client, calls, control, slow, release } = setup();
    const { probe } = await startSlowProbe(gate, client, control, slow);
    const abort = new AbortController();
    let opened: "message" | "ended" | ConnectError | undefined;
    void openWatch(client, abort.signal).then((result) => (opened = result));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls.watch).toBe(0);
    release();
    expect(await probe).toBe("ok");
    await vi.advanceTimersByTimeAsync(10);
    expect(opened).toBe("message");
    expect(calls.watch).toBe(1);
    abort.abort();
  });

  it("a waiting stream open can be cancelled, and is never sent", async () => {
    const { gate, client, calls, control } = setup();
    await closeGate(gate, client, control);
    const abort = new AbortController();
    const result = openWatch(client, abort.signal);
    await vi.advanceTimersByTimeAsync(500);
    abort.abort();
    expect(await result).toMatchObject({ code: Code.Canceled });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls.watch).toBe(0);
  });
});

/** Closes the gate, waits out the first backoff and sends a probe the service answers only on
 *  `release()`: the gate is then probing. */
async function startSlowProbe(
  gate: CallGate,
  client: Client,
  control: { answer: Answer },
  slow: { on: boolean },
): Promise<{ probe: Promise<unknown> }> {
  await closeGate(gate, client, control);
  await vi.advanceTimersByTimeAsync(1_000);
  control.answer = "ok";
  slow.on = true;
  const probe = outcome(client.getThread({ threadId: "thr_1" }));
  await vi.advanceTimersByTimeAsync(0);
  return { probe }; // wrapped: an async function would wait for the probe itself
}

describe("gatedRead: a read made outside the transport (the step-tree worker's)", () => {
  it("is sent only while the gate is open, never as a probe, and fails at once (held) otherwise", async () => {
    const { gate, client, control } = setup();
    let reads = 0;
    const read = () => gatedRead(gate, undefined, () => Promise.resolve(++reads));
    expect(await read()).toBe(1);
    await closeGate(gate, client, control);
    const held = await outcome(read());
    expect(isHeldByGate(held)).toBe(true);
    expect(held).toMatchObject({ code: Code.Unavailable });
    // Past retryAt the probe slot is free, and still the read does not take it.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(isHeldByGate(await outcome(read()))).toBe(true);
    expect(reads).toBe(1);
    expect(gate.getSnapshot()).toMatchObject({ kind: "unreachable", failures: 1, probeSince: undefined });
    control.answer = "ok";
    expect(await outcome(client.getThread({ threadId: "thr_1" }))).toBe("ok");
    expect(await read()).toBe(2);
  });

  it("fails at once with the stored refusal while refused", async () => {
    const { gate, client, control } = setup();
    control.answer = "unauthenticated";
    await outcome(client.getThread({ threadId: "thr_1" }));
    const held = await outcome(gatedRead(gate, undefined, () => Promise.resolve("read")));
    expect(isHeldByGate(held)).toBe(true);
    expect(held).toMatchObject({ code: Code.Unauthenticated });
  });

  it("a read that succeeds after unary calls closed the gate does not reopen it", async () => {
    const { gate, client, control } = setup();
    let finish: (() => void) | undefined;
    const slowRead = gatedRead(gate, undefined, () => new Promise<void>((resolve) => (finish = resolve)));
    await closeGate(gate, client, control);
    const closed = gate.getSnapshot();
    finish?.();
    await slowRead;
    expect(gate.getSnapshot()).toBe(closed);
  });

  it("is settled like a stream: its UNAVAILABLE alone does not close the gate, a network failure counts", async () => {
    const { gate } = setup();
    const unavailable = () => Promise.reject(new ConnectError("results down", Code.Unavailable));
    for (let i = 0; i < 3; i++) await outcome(gatedRead(gate, undefined, unavailable));
    expect(gate.getSnapshot().kind).toBe("ok");
    const network = () => Promise.reject(ConnectError.from(new TypeError("Failed to fetch")));
    for (let i = 0; i < 2; i++) await outcome(gatedRead(gate, undefined, network));
    expect(gate.getSnapshot()).toMatchObject({ kind: "unreachable" });
  });
});

describe("outcomeOfStreamFailure", () => {
  const unavailable = new ConnectError("watch unavailable", Code.Unavailable);
  it("UNAVAILABLE before the first message tells nothing while the gate is open", () => {
    expect(outcomeOfStreamFailure(unavailable, undefined, true).kind).toBe("neutral");
  });
  it("but is a failed probe once unary calls have closed the gate", () => {
    expect(outcomeOfStreamFailure(unavailable, undefined, false).kind).toBe("unreachable");
  });
  it("a network failure is unreachable either way; a refusal is a refusal", () => {
    const network = ConnectError.from(new TypeError("Failed to fetch"));
    expect(outcomeOfStreamFailure(network, undefined, true).kind).toBe("unreachable");
    expect(outcomeOfStreamFailure(new ConnectError("who", Code.Unauthenticated), undefined, true).kind).toBe("refused");
  });
});

describe("outcomeOfFailure", () => {
  it.each([
    [new ConnectError("down", Code.Unavailable), "unreachable"],
    [ConnectError.from(new TypeError("Failed to fetch")), "unreachable"],
    [new ConnectError("boom", Code.Unknown), "answered"],
    [new ConnectError("no such thread", Code.NotFound), "answered"],
    [new ConnectError("bad input", Code.InvalidArgument), "answered"],
    [new ConnectError("oops", Code.Internal), "answered"],
    [new ConnectError("who are you", Code.Unauthenticated), "refused"],
    [new ConnectError("not your org", Code.PermissionDenied), "refused"],
    [new ConnectError("cancelled", Code.Canceled), "neutral"],
    [new ConnectError("too slow", Code.DeadlineExceeded), "neutral"],
  ] as const)("%s → %s", (error, kind) => {
    expect(outcomeOfFailure(error, undefined).kind).toBe(kind);
  });

  it("a call its caller aborted tells nothing", () => {
    const abort = new AbortController();
    abort.abort();
    expect(outcomeOfFailure(new ConnectError("down", Code.Unavailable), abort.signal).kind).toBe("neutral");
  });
});
