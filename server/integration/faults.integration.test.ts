// Fault injection (--enable-fault-injection): every mode, over every protocol, and the event log.
import { Code } from "@connectrpc/connect";
import { toJson } from "@bufbuild/protobuf";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ThreadStatus, WatchThreadResponseSchema } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { clientFor, PROTOCOLS, type ScriptumClient } from "./clients";
import { getJson, postJson } from "./http-get";
import { collect, inBackground, waitForStatus, watchToEnd } from "./streams";
import { startTestServer, type TestServer } from "./test-server";
import { expectCode, waitFor } from "./wait";

interface EventsBody {
  threadId: string;
  events: unknown[];
}

describe("fault injection", () => {
  let server: TestServer;
  let faultsUrl: string;
  let connect: ScriptumClient;
  /** A thread paused at its ask: its watch streams stay open and quiet. */
  let pausedId: string;
  /** A seeded completed thread. */
  let completedId: string;

  const setFaults = async (body: unknown): Promise<Record<string, unknown>> => {
    const res = await postJson(faultsUrl, body);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json as Record<string, unknown>;
  };
  const events = async (threadId: string): Promise<EventsBody> => {
    const res = await getJson(`${server.url}/__sandbox/threads/${threadId}/events`);
    expect(res.status).toBe(200);
    return res.json as EventsBody;
  };

  beforeAll(async () => {
    server = await startTestServer({ enableFaultInjection: true, seedThreads: 20, speed: 100 });
    faultsUrl = `${server.url}/__sandbox/faults`;
    connect = clientFor("connect", server);
    const created = await connect.createThread({
      scriptName: "invoice-parser",
      inputJson: JSON.stringify({ invoice_id: "INV-FAULTS" }),
    });
    pausedId = created.threadId;
    await waitForStatus(connect, pausedId, ThreadStatus.PAUSED);
    const completed = await connect.listThreads({ pageSize: 1, statusFilter: ThreadStatus.COMPLETED });
    completedId = completed.threads[0]?.threadId ?? "";
    expect(completedId).not.toBe("");
  });

  afterEach(async () => {
    await setFaults({ reset: true });
    await waitFor("every test stream to close", () => server.openStreams() === 0);
  });

  afterAll(async () => {
    await server?.close();
  });

  it("shows the current faults and the open streams", async () => {
    expect(await getJson(faultsUrl)).toEqual({
      status: 200,
      json: { watch: "ok", unary: "ok", results: "ok", latencyMs: 0, openStreams: 0 },
    });
    const watch = inBackground((signal) => connect.watchThread({ threadId: pausedId }, { signal }));
    await waitFor("one open stream", async () => ((await getJson(faultsUrl)).json as { openStreams: number }).openStreams === 1);
    watch.stop();
    await waitFor("no open stream", async () => ((await getJson(faultsUrl)).json as { openStreams: number }).openStreams === 0);
  });

  it("combines several keys and resets", async () => {
    const state = await setFaults({ watch: "unimplemented", latencyMs: 20, unary: "UNAVAILABLE" });
    expect(state).toMatchObject({ watch: "unimplemented", latencyMs: 20, unary: "UNAVAILABLE", openStreams: 0 });
    expect((await getJson(faultsUrl)).json).toMatchObject({ watch: "unimplemented", latencyMs: 20, unary: "UNAVAILABLE" });
    expect(await setFaults({ reset: true })).toMatchObject({ watch: "ok", latencyMs: 0, unary: "ok" });
  });

  it.each([
    [{ nope: true }, "unknown fault"],
    [{ watch: "sometimes" }, '"watch" must be one of'],
    [{ unary: "INTERNAL" }, '"unary" must be one of'],
    [{ latencyMs: -5 }, '"latencyMs" must be'],
    [[1, 2], "JSON object"],
    ["{not json", "not JSON"],
  ])("refuses %j with 400 and a message", async (body, message) => {
    const res = await postJson(faultsUrl, body);
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toContain(message);
    expect((await getJson(faultsUrl)).json).toMatchObject({ watch: "ok", unary: "ok", latencyMs: 0 });
  });

  it("adds latencyMs before every RPC", async () => {
    await setFaults({ latencyMs: 400 });
    let started = performance.now();
    await connect.getThread({ threadId: pausedId });
    expect(performance.now() - started).toBeGreaterThanOrEqual(380);
    started = performance.now();
    await connect.healthCheck({});
    expect(performance.now() - started).toBeGreaterThanOrEqual(380);
    await setFaults({ latencyMs: 0 });
    started = performance.now();
    await connect.getThread({ threadId: pausedId });
    expect(performance.now() - started).toBeLessThan(380);
  });

  it("returns the event log as JSON, equal to what WatchThread delivers", async () => {
    const watched = await watchToEnd(connect, completedId);
    const log = await events(completedId);
    expect(log.threadId).toBe(completedId);
    expect(log.events).toEqual(watched.map((e) => toJson(WatchThreadResponseSchema, e)));
    expect((await getJson(`${server.url}/__sandbox/threads/thr_unknown/events`)).status).toBe(404);
  });

  describe.each(PROTOCOLS)("over %s", (protocol) => {
    let client: ScriptumClient;

    beforeAll(() => {
      client = clientFor(protocol, server);
    });

    it.each([
      ["UNAVAILABLE", Code.Unavailable],
      ["UNAUTHENTICATED", Code.Unauthenticated],
    ] as const)("unary %s fails every unary RPC but HealthCheck", async (fault, code) => {
      await setFaults({ unary: fault });
      await expectCode(client.getThread({ threadId: pausedId }), code);
      await expectCode(client.listThreads({}), code);
      await expectCode(client.listScripts({}), code);
      expect((await client.healthCheck({})).status).toBe("ok");
      const result = await collect(client.streamThreadResult({ threadId: completedId }));
      expect(result[0]?.chunk.case).toBe("meta");
      await setFaults({ unary: "ok" });
      expect((await client.getThread({ threadId: pausedId })).threadId).toBe(pausedId);
    });

    it.each([
      ["unavailable", Code.Unavailable],
      ["unimplemented", Code.Unimplemented],
    ] as const)("watch %s fails WatchThread and WatchStep at once, nothing else", async (fault, code) => {
      await setFaults({ watch: fault });
      await expectCode(collect(client.watchThread({ threadId: pausedId })), code);
      await expectCode(collect(client.watchStep({ threadId: pausedId, stepPath: "3" })), code);
      const result = await collect(client.streamThreadResult({ threadId: completedId }));
      expect(result[0]?.chunk.case).toBe("meta");
      expect((await client.getThread({ threadId: pausedId })).status).toBe(ThreadStatus.PAUSED);
      await setFaults({ watch: "ok" });
      const replay = await collect(client.watchThread({ threadId: completedId }));
      expect(replay.length).toBeGreaterThan(0);
    });

    it("dropStreams ends every open stream with UNAVAILABLE, once", async () => {
      const thread = inBackground((signal) => client.watchThread({ threadId: pausedId }, { signal }));
      const step = inBackground((signal) => client.watchStep({ threadId: pausedId, stepPath: "3" }, { signal }));
      await waitFor("both streams to open", () => server.openStreams() === 2);
      await waitFor("the replay", () => thread.items.length > 0);
      const state = await setFaults({ dropStreams: true });
      expect(state.droppedStreams).toBe(2);
      await expectCode(thread.done, Code.Unavailable);
      await expectCode(step.done, Code.Unavailable);
      await waitFor("no open stream", () => server.openStreams() === 0);
      // One-shot: a new stream is not dropped, and the thread is untouched.
      const again = inBackground((signal) => client.watchThread({ threadId: pausedId }, { signal }));
      await waitFor("a replay after the drop", () => again.items.length >= thread.items.length);
      expect(again.items.map((e) => e.sequence)).toEqual(thread.items.map((e) => e.sequence));
      again.stop();
      await again.done;
      expect((await client.getThread({ threadId: pausedId })).status).toBe(ThreadStatus.PAUSED);
    });

    it("watch buffer holds every message back until set back to ok, then flushes in order", async () => {
      const log = await events(pausedId);
      expect(log.events.length).toBeGreaterThan(0);
      await setFaults({ watch: "buffer" });
      const watch = inBackground((signal) => client.watchThread({ threadId: pausedId }, { signal }));
      await waitFor("the stream to open", () => server.openStreams() === 1);
      // Nothing arrives while buffering (a negative check needs a window of real time).
      await new Promise((r) => setTimeout(r, 300));
      expect(watch.items).toEqual([]);
      await setFaults({ watch: "ok" });
      await waitFor("the flushed replay", () => watch.items.length >= log.events.length);
      expect(watch.items.map((e) => toJson(WatchThreadResponseSchema, e))).toEqual(log.events);
      watch.stop();
      await watch.done;
    });

    it("watch buffer flushes everything when the stream ends", async () => {
      await setFaults({ watch: "buffer" });
      const { threadId } = await client.createThread({
        scriptName: "fanout",
        inputJson: JSON.stringify({ steps: 20 }),
      });
      const all = await watchToEnd(client, threadId);
      expect(all.at(-1)?.event.case).toBe("threadCompleted");
      expect(all.map((e) => toJson(WatchThreadResponseSchema, e))).toEqual((await events(threadId)).events);
    });
  });
});
