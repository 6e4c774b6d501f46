// Every RPC of ScriptumService over the network, with a real client for each protocol the server
// speaks (Connect and gRPC-Web on the console's port, native gRPC on the HTTP/2 port), in both
// fidelity modes of the sandbox.
import { Code } from "@connectrpc/connect";
import { toJson } from "@bufbuild/protobuf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  StepStatus,
  ThreadStatus,
  TypeKind,
  WatchThreadResponseSchema,
  type StreamStepResultResponse,
  type WatchStepResponse,
  type WatchThreadResponse,
} from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { BadRequestSchema } from "../../src/api/gen/google/rpc/error_details_pb";
import type { Fidelity } from "../options";
import { clientFor, PROTOCOLS, type ScriptumClient } from "./clients";
import {
  collect,
  inBackground,
  isStrictlyIncreasing,
  waitForStatus,
  watchToEnd,
} from "./streams";
import { startTestServer, TEST_VERSION, type TestServer } from "./test-server";
import { expectCode, waitFor } from "./wait";

const FIDELITIES: readonly Fidelity[] = ["today", "complete"];
const DEMO_SCRIPTS = ["invoice-parser", "flaky-report", "big-export", "fanout", "ticker"];
const ANSWER = { approved: true, amount: 42.5, currency: "EUR" };
const MiB = 1024 * 1024;

const decoder = new TextDecoder();

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Byte equality without a deep diff (a 4 MB diff takes minutes). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

function cases(events: readonly WatchThreadResponse[]): string[] {
  return events.map((e) => `${e.event.case ?? "none"}${stepPathOf(e) ? `:${stepPathOf(e)}` : ""}`);
}

function stepPathOf(e: WatchThreadResponse): string {
  switch (e.event.case) {
    case "stepStarted":
    case "stepCompleted":
    case "stepFailed":
    case "threadPaused":
      return e.event.value.stepPath;
    default:
      return "";
  }
}

describe.each(FIDELITIES)("every RPC in %s fidelity", (fidelity) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ fidelity, speed: 100, enableFaultInjection: true });
  });

  afterAll(async () => {
    await server?.close();
  });

  describe.each(PROTOCOLS)("over %s", (protocol) => {
    let client: ScriptumClient;
    let bigExportId: Promise<string> | undefined;

    beforeAll(() => {
      client = clientFor(protocol, server);
    });

    /** One completed 6 MB big-export per protocol, shared by the result tests. */
    function bigExport(): Promise<string> {
      bigExportId ??= (async () => {
        const thread = await client.createThread({ scriptName: "big-export", inputJson: JSON.stringify({ mb: 6 }) });
        const events = await watchToEnd(client, thread.threadId);
        expect(events.at(-1)?.event.case).toBe("threadCompleted");
        return thread.threadId;
      })();
      return bigExportId;
    }

    it("HealthCheck answers ok with the server version", async () => {
      const health = await client.healthCheck({});
      expect(health.status).toBe("ok");
      expect(health.version).toBe(TEST_VERSION);
    });

    it("ListThreads pages through at least 300 seeded threads, newest first, without duplicates", async () => {
      const ids: string[] = [];
      const created: bigint[] = [];
      const statuses = new Set<ThreadStatus>();
      const seenTokens = new Set<string>();
      let pageToken = "";
      for (let page = 0; page < 1000; page++) {
        const res = await client.listThreads({ pageSize: 50, pageToken });
        for (const t of res.threads) {
          ids.push(t.threadId);
          created.push(t.createdAtMs);
          statuses.add(t.status);
        }
        if (res.nextPageToken === "") break;
        // The real service may repeat a token; a client must not loop on it forever.
        if (seenTokens.has(res.nextPageToken)) break;
        seenTokens.add(res.nextPageToken);
        pageToken = res.nextPageToken;
      }
      expect(ids.length).toBeGreaterThanOrEqual(300);
      expect(new Set(ids).size).toBe(ids.length);
      expect(created.every((c, i) => i === 0 || c <= (created[i - 1] ?? c))).toBe(true);
      // Seeded running and pending threads may have finished already at this speed.
      for (const status of [
        ThreadStatus.PAUSED,
        ThreadStatus.COMPLETED,
        ThreadStatus.FAILED,
        ThreadStatus.CANCELLED,
      ]) {
        expect(statuses.has(status), `a seeded thread is ${ThreadStatus[status]}`).toBe(true);
      }
    });

    it("ListThreads filters by status and by script", async () => {
      const failed = await client.listThreads({ pageSize: 100, statusFilter: ThreadStatus.FAILED });
      expect(failed.threads.length).toBeGreaterThan(0);
      expect(failed.threads.every((t) => t.status === ThreadStatus.FAILED)).toBe(true);
      const invoices = await client.listThreads({ pageSize: 100, scriptNameFilter: "invoice-parser" });
      expect(invoices.threads.length).toBeGreaterThan(0);
      expect(invoices.threads.every((t) => t.scriptName === "invoice-parser")).toBe(true);
      const paused = await client.listThreads({ pageSize: 100, statusFilter: ThreadStatus.PAUSED });
      expect(paused.threads.length).toBeGreaterThan(1);
    });

    it("ListScripts, GetScript and ListScriptVersions describe the demo scripts", async () => {
      const scripts = await client.listScripts({ pageSize: 100 });
      const names = scripts.scripts.map((s) => s.name);
      for (const name of DEMO_SCRIPTS) expect(names).toContain(name);

      const { script } = await client.getScript({ name: "invoice-parser" });
      expect(script?.name).toBe("invoice-parser");
      const input = script?.contract?.inputs.find((f) => f.name === "invoice_id");
      expect(input?.type?.kind).toBe(TypeKind.STRING);

      const versions = await client.listScriptVersions({ name: "invoice-parser", pageSize: 100 });
      expect(versions.versions.length).toBeGreaterThan(0);
      expect(versions.versions.map((v) => v.version)).toContain(script?.activeVersion);

      await expectCode(client.getScript({ name: "no-such-script" }), Code.NotFound);
    });

    it("CreateThread refuses an unknown script and malformed input", async () => {
      await expectCode(client.createThread({ scriptName: "no-such-script", inputJson: "{}" }), Code.NotFound);
      await expectCode(
        client.createThread({ scriptName: "invoice-parser", inputJson: '{"invoice_id": ' }),
        Code.InvalidArgument,
      );
    });

    it("unknown threads are NOT_FOUND", async () => {
      await expectCode(client.getThread({ threadId: "thr_does_not_exist" }), Code.NotFound);
      await expectCode(client.getThreadResult({ threadId: "thr_does_not_exist" }), Code.NotFound);
      await expectCode(collect(client.watchThread({ threadId: "thr_does_not_exist" })), Code.NotFound);
    });

    it("invoice-parser streams increasing sequences, pauses at the ask 3, and ResumeThread completes it", async () => {
      const created = await client.createThread({
        scriptName: "invoice-parser",
        inputJson: JSON.stringify({ invoice_id: "INV-42" }),
        metadata: { source: "integration-test" },
      });
      const threadId = created.threadId;
      expect(threadId).not.toBe("");
      expect(created.scriptName).toBe("invoice-parser");
      expect(created.metadata).toMatchObject({ source: "integration-test" });

      // Watch live from the start; the thread pauses at 3 and the stream goes quiet (stays open).
      const watch = inBackground((signal) => client.watchThread({ threadId }, { signal }));
      await waitForStatus(client, threadId, ThreadStatus.PAUSED);
      await waitFor("the watch to see step 3 start", () =>
        watch.items.some((e) => e.event.case === "stepStarted" && e.event.value.stepPath === "3"),
      );
      if (fidelity === "complete") {
        await waitFor("ThreadPaused", () => watch.items.some((e) => e.event.case === "threadPaused"));
      }
      watch.stop();
      const beforePause = await watch.done;
      expect(beforePause[0]?.sequence).toBe(1n);
      expect(beforePause[0]?.event.case).toBe("threadStarted");
      expect(isStrictlyIncreasing(beforePause.map((e) => e.sequence)), cases(beforePause).join(" ")).toBe(true);
      expect(beforePause.every((e) => e.threadId === "" || e.threadId === threadId)).toBe(true);
      const started = beforePause.flatMap((e) => (e.event.case === "stepStarted" ? [e.event.value.stepPath] : []));
      expect(started).toEqual(expect.arrayContaining(["1", "2", "2.0", "2.1", "2.2", "3"]));
      expect(beforePause.some((e) => e.event.case === "valueYielded")).toBe(true);
      const paused = beforePause.filter((e) => e.event.case === "threadPaused");
      if (fidelity === "today") {
        expect(paused).toEqual([]);
      } else {
        expect(paused).toHaveLength(1);
        const value = paused[0]?.event.case === "threadPaused" ? paused[0].event.value : undefined;
        expect(value?.stepPath).toBe("3");
        expect(value?.ask?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["approved", "amount", "currency"]));
      }

      const thread = await client.getThread({ threadId });
      expect(thread.status).toBe(ThreadStatus.PAUSED);
      expect(thread.currentStepPath).toBe("3");

      // The ask describes itself.
      const askResult = await client.getThreadResult({ threadId, stepPath: "3" });
      expect(askResult.stepDetails).toHaveLength(1);
      const ask = askResult.stepDetails[0]?.ask;
      expect(askResult.stepDetails[0]?.stepPath).toBe("3");
      expect(ask?.maxAttempts).toBe(3);
      expect(ask?.attempt).toBe(1);
      const fields = Object.fromEntries((ask?.fields ?? []).map((f) => [f.name, f]));
      expect(fields.approved?.type?.kind).toBe(TypeKind.BOOLEAN);
      expect(fields.amount?.type?.kind).toBe(TypeKind.NUMBER);
      expect(fields.currency?.type?.kind).toBe(TypeKind.ENUM);
      expect(fields.note?.required).toBe(false);
      expect(ask?.enums.flatMap((e) => e.values)).toEqual(expect.arrayContaining(["USD", "EUR", "GBP"]));

      // WatchStep on the ask, open before the answer.
      const streamsBefore = server.openStreams();
      const stepWatch = inBackground((signal) => client.watchStep({ threadId, stepPath: "3" }, { signal }));
      await waitFor("the WatchStep stream to open", () => server.openStreams() > streamsBefore);
      if (fidelity === "complete") {
        await waitFor("the WatchStep snapshot", () => stepWatch.items.length > 0);
      } else {
        await client.healthCheck({}); // a round trip, so the stream is subscribed before we answer
      }

      // A rejected answer names the fields and keeps the thread paused.
      const rejected = await expectCode(
        client.resumeThread({
          threadId,
          stepInputOverrideJson: JSON.stringify({ approved: "yes", amount: 42.5, currency: "JPY" }),
        }),
        Code.InvalidArgument,
      );
      const violations = rejected.findDetails(BadRequestSchema).flatMap((d) => d.fieldViolations.map((v) => v.field));
      expect(violations).toEqual(expect.arrayContaining(["approved", "currency"]));
      expect((await client.getThread({ threadId })).status).toBe(ThreadStatus.PAUSED);

      const resumed = await client.resumeThread({ threadId, stepInputOverrideJson: JSON.stringify(ANSWER) });
      expect(resumed.thread?.threadId).toBe(threadId);

      // WatchThread again: the replay from 1, then live until the server closes on completion.
      const all = await watchToEnd(client, threadId);
      expect(all[0]?.sequence).toBe(1n);
      expect(isStrictlyIncreasing(all.map((e) => e.sequence)), cases(all).join(" ")).toBe(true);
      expect(all.at(-1)?.event.case).toBe("threadCompleted");
      expect(all.slice(0, beforePause.length).map((e) => toJson(WatchThreadResponseSchema, e))).toEqual(
        beforePause.map((e) => toJson(WatchThreadResponseSchema, e)),
      );
      const after = all.flatMap((e) => (e.event.case === "stepStarted" ? [e.event.value.stepPath] : []));
      expect(after).toContain("4");

      const result = await client.getThreadResult({ threadId });
      expect(result.status).toBe(ThreadStatus.COMPLETED);
      expect(result.outputTruncated).toBe(false);
      expect(JSON.parse(decoder.decode(result.outputData))).toEqual({
        invoice_id: "INV-42",
        amount: 42.5,
        currency: "EUR",
        posted: true,
      });
      expect(result.totalYielded).toBeGreaterThan(0n);
      expect(result.steps.map((s) => s.stepPath)).toEqual(expect.arrayContaining(["1", "2", "3", "4"]));
      expect((await client.getThread({ threadId })).status).toBe(ThreadStatus.COMPLETED);

      // The step stream saw the answer being taken and the step finishing.
      await waitFor("WatchStep to report step 3 done", () =>
        stepWatch.items.some((e: WatchStepResponse) => e.event.case === "done"),
      );
      stepWatch.stop();
      const stepEvents = await stepWatch.done;
      // A snapshot is the step as of its sequence: what follows it is newer, like every event.
      const stepSequences = stepEvents.map((e) => `${e.sequence}:${e.event.case ?? "none"}`).join(" ");
      expect(isStrictlyIncreasing(stepEvents.map((e) => e.sequence)), stepSequences).toBe(true);
      if (fidelity === "complete") {
        expect(stepEvents[0]?.event.case).toBe("snapshot");
        const snapshot = stepEvents[0]?.event.case === "snapshot" ? stepEvents[0].event.value : undefined;
        expect(snapshot?.stepPath).toBe("3");
        expect(snapshot?.ask?.prompt).not.toBe("");
      } else {
        expect(stepEvents.some((e) => e.event.case === "snapshot")).toBe(false);
      }
      const done = stepEvents.find((e) => e.event.case === "done");
      expect(done?.event.case === "done" && done.event.value.stepPath).toBe("3");
      expect(done?.event.case === "done" && done.event.value.status).toBe(StepStatus.COMPLETED);

      // Answered once: a second answer is refused.
      await expectCode(
        client.resumeThread({ threadId, stepInputOverrideJson: JSON.stringify(ANSWER) }),
        Code.FailedPrecondition,
      );
    });

    it("a 6 MB big-export is truncated by GetThreadResult and whole through StreamThreadResult", async () => {
      const threadId = await bigExport();
      const unary = await client.getThreadResult({ threadId, outputOnly: true });
      const total = Number(unary.outputTotalBytes);
      expect(total).toBeGreaterThan(5.5 * MiB);
      expect(total).toBeLessThan(6.5 * MiB);
      expect(unary.outputTruncated).toBe(true);
      expect(unary.outputData.length).toBeLessThan(total);
      expect(unary.outputData.length).toBeLessThanOrEqual(4.5 * MiB);

      const messages = await collect(client.streamThreadResult({ threadId, maxChunkBytes: BigInt(MiB) }));
      const [first, ...rest] = messages;
      expect(first?.chunk.case).toBe("meta");
      const meta = first?.chunk.case === "meta" ? first.chunk.value : undefined;
      expect(meta?.totalBytes).toBe(unary.outputTotalBytes);
      expect(meta?.threadId).toBe(threadId);
      const chunks = rest.map((m) => {
        if (m.chunk.case !== "data") throw new Error(`expected only data chunks after the meta, got ${m.chunk.case}`);
        return m.chunk.value;
      });
      expect(chunks.map((c) => c.chunkIndex)).toEqual(chunks.map((_, i) => BigInt(i)));
      expect(chunks.map((c) => c.isFinal)).toEqual(chunks.map((_, i) => i === chunks.length - 1));
      expect(chunks.every((c) => c.data.length <= MiB)).toBe(true);
      const whole = concat(chunks.map((c) => c.data));
      expect(whole.length).toBe(total);
      expect(() => JSON.parse(decoder.decode(whole)) as unknown).not.toThrow();
      expect(sameBytes(whole.subarray(0, unary.outputData.length), unary.outputData), "the preview is a prefix").toBe(true);

      // Default chunk size: 2 MB.
      const defaults = await collect(client.streamThreadResult({ threadId }));
      const defaultChunks = defaults.flatMap((m) => (m.chunk.case === "data" ? [m.chunk.value] : []));
      expect(defaultChunks.every((c) => c.data.length <= 2 * MiB)).toBe(true);
      expect(defaultChunks.reduce((n, c) => n + c.data.length, 0)).toBe(total);
    });

    it("StreamStepResult sends the meta, then step details, then output chunks that add up", async () => {
      const threadId = await bigExport();
      const records = await collect(client.streamStepResult({ threadId, maxChunkBytes: BigInt(256 * 1024) }));
      expect(records[0]?.record.case).toBe("meta");
      const meta = records[0]?.record.case === "meta" ? records[0].record.value : undefined;
      expect(meta?.steps.length).toBeGreaterThan(0);
      expect(records.filter((r) => r.record.case === "meta")).toHaveLength(1);

      const details = new Map<string, Extract<StreamStepResultResponse["record"], { case: "step" }>["value"]>();
      const chunks = new Map<string, { index: bigint; data: Uint8Array; isFinal: boolean }[]>();
      for (const r of records.slice(1)) {
        if (r.record.case === "step") {
          expect(chunks.has(`${r.record.value.stepPath}/output`), "a step's detail comes before its chunks").toBe(false);
          details.set(r.record.value.stepPath, r.record.value);
        } else if (r.record.case === "chunk") {
          const c = r.record.value;
          expect(details.has(c.stepPath), `chunk of ${c.stepPath} after its detail`).toBe(true);
          if (fidelity === "today") expect(c.field).toBe("output");
          const key = `${c.stepPath}/${c.field}`;
          chunks.set(key, [...(chunks.get(key) ?? []), { index: c.chunkIndex, data: c.data, isFinal: c.isFinal }]);
        } else {
          throw new Error(`unexpected record ${r.record.case}`);
        }
      }
      expect([...details.keys()].sort()).toEqual(meta?.steps.map((s) => s.stepPath).sort());
      const truncated = [...details.values()].filter((d) => d.outputTruncated);
      expect(truncated.length, "big-export steps have large outputs").toBeGreaterThan(0);
      for (const detail of truncated) {
        const parts = chunks.get(`${detail.stepPath}/output`) ?? [];
        expect(parts.map((p) => p.index)).toEqual(parts.map((_, i) => BigInt(i)));
        expect(parts.map((p) => p.isFinal)).toEqual(parts.map((_, i) => i === parts.length - 1));
        expect(parts.every((p) => p.data.length <= 256 * 1024)).toBe(true);
        const whole = concat(parts.map((p) => p.data));
        expect(BigInt(whole.length)).toBe(detail.outputTotalBytes);
        expect(sameBytes(whole.subarray(0, detail.outputData.length), detail.outputData), "the preview is a prefix").toBe(
          true,
        );
      }

      // One step only.
      const one = truncated[0]?.stepPath ?? "1";
      const single = await collect(client.streamStepResult({ threadId, stepPath: one }));
      const stepPaths = new Set(
        single.flatMap((r) => (r.record.case === "step" || r.record.case === "chunk" ? [r.record.value.stepPath] : [])),
      );
      expect([...stepPaths]).toEqual([one]);
    });

    it(`CancelThread ${fidelity === "today" ? "answers UNIMPLEMENTED" : "cancels a thread"}`, async () => {
      const { threadId } = await client.createThread({
        scriptName: "invoice-parser",
        inputJson: JSON.stringify({ invoice_id: "INV-CANCEL" }),
      });
      await waitForStatus(client, threadId, ThreadStatus.PAUSED);
      if (fidelity === "today") {
        await expectCode(client.cancelThread({ threadId, reason: "test" }), Code.Unimplemented);
        expect((await client.getThread({ threadId })).status).toBe(ThreadStatus.PAUSED);
        return;
      }
      await client.cancelThread({ threadId, reason: "not needed" });
      await waitForStatus(client, threadId, ThreadStatus.CANCELLED);
      const events = await watchToEnd(client, threadId);
      expect(events.at(-1)?.event.case).toBe("threadCancelled");
      expect(isStrictlyIncreasing(events.map((e) => e.sequence))).toBe(true);
      await expectCode(
        client.resumeThread({ threadId, stepInputOverrideJson: JSON.stringify(ANSWER) }),
        Code.FailedPrecondition,
      );
    });

    it(`ListArtifacts ${fidelity === "today" ? "answers UNIMPLEMENTED" : "lists downloadable artifacts"}`, async () => {
      const threadId = await bigExport();
      if (fidelity === "today") {
        await expectCode(client.listArtifacts({ threadId }), Code.Unimplemented);
        return;
      }
      const { artifacts } = await client.listArtifacts({ threadId });
      expect(artifacts.length).toBeGreaterThan(0);
      for (const artifact of artifacts) {
        expect(artifact.name).not.toBe("");
        expect(artifact.downloadUrl).not.toBe("");
        const res = await fetch(new URL(artifact.downloadUrl, server.url));
        expect(res.status).toBe(200);
        const body = new Uint8Array(await res.arrayBuffer());
        expect(BigInt(body.length)).toBe(artifact.sizeBytes);
      }
    });
  });
});
