// The fault interceptor around a small real ScriptumService implementation, through connect's
// in-memory router transport (server interceptors included).
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import {
  ScriptumService,
  ThreadSchema,
  WatchThreadResponseSchema,
  type WatchThreadResponse,
} from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { deferred, type Deferred } from "./deferred";
import { createFaultController, type FaultController } from "./fault-controller";
import { faultInterceptor } from "./fault-interceptor";
import { NO_FAULTS } from "./fault-state";

/** A WatchThread whose events the test releases one by one, and which records how it ended. */
function testService() {
  const events: Deferred<WatchThreadResponse | null>[] = [deferred()];
  let sent = 0;
  const ended = deferred<"aborted" | "finished">();
  return {
    send(sequence: number | null) {
      const slot = events[events.length - 1];
      events.push(deferred());
      slot?.resolve(sequence === null ? null : create(WatchThreadResponseSchema, { sequence: BigInt(sequence) }));
    },
    ended: ended.promise,
    impl: {
      async *watchThread(_req: unknown, context: { signal: AbortSignal }) {
        context.signal.addEventListener("abort", () => ended.resolve("aborted"), { once: true });
        for (;;) {
          const event = await events[sent]?.promise;
          sent++;
          if (event === null || event === undefined) break;
          yield event;
        }
        ended.resolve("finished");
      },
      getThread: () => create(ThreadSchema, { threadId: "t1" }),
      healthCheck: () => ({ status: "ok", version: "test" }),
    },
  };
}

function setup(faults: FaultController = createFaultController()) {
  const service = testService();
  const transport = createRouterTransport(({ service: register }) => register(ScriptumService, service.impl), {
    router: { interceptors: [faultInterceptor(faults)] },
  });
  return { faults, service, client: createClient(ScriptumService, transport) };
}

describe("faultInterceptor", () => {
  it("counts a stream while it is open", async () => {
    const { faults, service, client } = setup();
    const stream = client.watchThread({ threadId: "t1" })[Symbol.asyncIterator]();
    const first = stream.next();
    service.send(1);
    expect((await first).value?.sequence).toBe(1n);
    expect(faults.openStreams()).toBe(1);
    service.send(null);
    expect((await stream.next()).done).toBe(true);
    expect(faults.openStreams()).toBe(0);
    expect(await service.ended).toBe("finished");
  });

  it("uncounts a stream the client abandons, and aborts the implementation", async () => {
    const { faults, service, client } = setup();
    const abort = new AbortController();
    const stream = client.watchThread({ threadId: "t1" }, { signal: abort.signal })[Symbol.asyncIterator]();
    const first = stream.next();
    service.send(1);
    await first;
    abort.abort();
    await expect(stream.next()).rejects.toMatchObject({ code: Code.Canceled });
    expect(await service.ended).toBe("aborted");
    expect(faults.openStreams()).toBe(0);
  });

  it("drops open streams with UNAVAILABLE and aborts their implementations", async () => {
    const { faults, service, client } = setup();
    const stream = client.watchThread({ threadId: "t1" })[Symbol.asyncIterator]();
    const first = stream.next();
    service.send(1);
    await first;
    const next = stream.next();
    expect(faults.update({ reset: false, dropStreams: true }).dropped).toBe(1);
    await expect(next).rejects.toMatchObject({ code: Code.Unavailable });
    expect(await service.ended).toBe("aborted");
    expect(faults.openStreams()).toBe(0);
    expect(faults.state()).toEqual(NO_FAULTS);
  });

  it("holds watch messages while buffering and flushes them in order on ok", async () => {
    const { faults, service, client } = setup();
    faults.update({ reset: false, dropStreams: false, watch: "buffer" });
    const stream = client.watchThread({ threadId: "t1" })[Symbol.asyncIterator]();
    const first = stream.next();
    service.send(1);
    service.send(2);
    let settled = false;
    void first.then(() => {
      settled = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    faults.update({ reset: false, dropStreams: false, watch: "ok" });
    expect((await first).value?.sequence).toBe(1n);
    expect((await stream.next()).value?.sequence).toBe(2n);
    service.send(null);
    expect((await stream.next()).done).toBe(true);
  });

  it("answers watch and unary faults at once, but never for HealthCheck", async () => {
    const { faults, client } = setup();
    faults.update({ reset: false, dropStreams: false, watch: "unimplemented", unary: "UNAUTHENTICATED" });
    await expect(client.watchThread({ threadId: "t1" })[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      code: Code.Unimplemented,
    });
    await expect(client.getThread({ threadId: "t1" })).rejects.toMatchObject({ code: Code.Unauthenticated });
    expect((await client.healthCheck({})).status).toBe("ok");
    expect(faults.openStreams()).toBe(0);
  });

  it("adds latency before a call", async () => {
    const { faults, client } = setup();
    faults.update({ reset: false, dropStreams: false, latencyMs: 120 });
    const started = performance.now();
    await client.getThread({ threadId: "t1" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("lets a cancelled call out of its latency", async () => {
    const { faults, client } = setup();
    faults.update({ reset: false, dropStreams: false, latencyMs: 60_000 });
    const abort = new AbortController();
    const call = client.getThread({ threadId: "t1" }, { signal: abort.signal });
    abort.abort(new ConnectError("gone", Code.Canceled));
    await expect(call).rejects.toMatchObject({ code: Code.Canceled });
  });
});
