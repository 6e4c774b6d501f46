// The fast paths of big reads: hand-encoded StreamStepResult records (byte for byte what the
// generic encoder writes) and seeded Thread rows synthesized without their log (identical to the
// full synthesis, written back once).
import { toBinary } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import { afterEach, describe, expect, it } from "vitest";
import {
  StreamStepResultResponseSchema,
  ThreadStatus,
  type StreamStepResultRequest,
  type Thread,
  type StreamStepResultResponse,
} from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import type { ThreadRow } from "./model.js";
import { fanoutTree, lastDescendant, levelOf, nodeAt, pathOf } from "./scripts/fanoutTree.js";
import { seedRows } from "./seed.js";
import { synthesize, synthesizeRow } from "./synth.js";
import { startHarness, tempDir, waitForThread, type Harness } from "./testing/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.sandbox.close();
  h = undefined;
});

async function records(harness: Harness, threadId: string, contentType: string, stepPath = ""): Promise<Uint8Array[]> {
  const ctx = { signal: new AbortController().signal, requestHeader: new Headers({ "content-type": contentType }) } as unknown as HandlerContext;
  const req = { threadId, stepPath, maxChunkBytes: 0n } as StreamStepResultRequest;
  const stream = harness.sandbox.service.streamStepResult?.(req, ctx) as AsyncIterable<StreamStepResultResponse>;
  const out: Uint8Array[] = [];
  for await (const m of stream) out.push(toBinary(StreamStepResultResponseSchema, m));
  return out;
}

describe("StreamStepResult binary fast path", () => {
  for (const fidelity of ["today", "complete"] as const) {
    it(`writes exactly the bytes of the generic path (${fidelity})`, async () => {
      h = await startHarness({ fidelity, speed: 200 });
      const inputs: [string, unknown][] = [
        ["fanout", { steps: 2000, fail_at: "1.5.3" }],
        ["fanout", { steps: 300 }],
        ["invoice-parser", { invoice_id: "INV-\u00e9\u{1f600}", label: "<b>x</b>\u200b", logs_url: "javascript:alert(1)", raw_output_b64: "/+7toIA=" }],
        ["flaky-report", { error_detail: "é".repeat(200) }],
        ["big-export", { mb: 0.3 }],
      ];
      const ids: string[] = [];
      for (const [scriptName, input] of inputs) {
        const t = await h.client.createThread({ scriptName, inputJson: JSON.stringify(input) });
        await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.PAUSED || s === ThreadStatus.COMPLETED || s === ThreadStatus.FAILED);
        ids.push(t.threadId);
      }
      for (const id of ids) {
        const generic = await records(h, id, "application/connect+json");
        const fast = await records(h, id, "application/connect+proto");
        expect(fast.length).toBe(generic.length);
        expect(fast.length).toBeGreaterThan(1);
        for (let i = 0; i < fast.length; i++) expect(Buffer.from(fast[i]!).equals(Buffer.from(generic[i]!))).toBe(true);
        expect(await records(h, id, "application/grpc-web+proto", "1")).toEqual(await records(h, id, "application/grpc-web+json", "1"));
      }
      // Decoded by a real client (binary Connect through the router transport): ordinary records.
      const got = [];
      for await (const m of h.client.streamStepResult({ threadId: ids[0]! })) got.push(m.record.case);
      expect(got[0]).toBe("meta");
      expect(got.filter((c) => c === "step").length).toBe(2000);
    });
  }

  it("serves a 100,000-step tree's meta and details quickly, and the meta again from its cache", async () => {
    h = await startHarness({ speed: 1000 });
    const t = await h.client.createThread({ scriptName: "fanout", inputJson: '{"steps":100000}' });
    await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.COMPLETED, 30_000);
    const time = async () => {
      const start = performance.now();
      const out = await records(h!, t.threadId, "application/connect+proto");
      return { ms: performance.now() - start, count: out.length };
    };
    const cold = await time();
    const warm = await time();
    expect(cold.count).toBe(100_001);
    expect(warm.count).toBe(100_001);
    // Generous bounds (2 shared cores); the bench prints the real figures.
    expect(cold.ms).toBeLessThan(15_000);
  });
});

function seedRow(i: number, count: number, now: number): ThreadRow[] {
  return [...seedRows(count, now)].slice(i).map((r) => ({
    ...r,
    synth: true,
    error: "",
    currentStepPath: "",
    currentStepName: "",
    totalSteps: 0,
    completedSteps: 0,
    startedAtMs: 0,
    finishedAtMs: 0,
    updatedAtMs: r.createdAtMs,
    cursor: 0,
    failReason: "",
    recoverableStepPath: "",
    output: null,
    outputTotalBytes: 0,
    cancelReason: "",
  }));
}

describe("seeded Thread rows", () => {
  it("synthesizeRow gives exactly the row of the full synthesis, for every script and status", () => {
    const rows = seedRow(0, 600, Date.now());
    const seen = new Set<string>();
    for (const r of rows) {
      expect(synthesizeRow(r)).toEqual(synthesize(r).row);
      // A row read back with its presented state synthesizes the same.
      const presented = { ...synthesizeRow(r), synth: true, presented: true };
      expect(synthesize(presented).row).toEqual(synthesize(r).row);
      seen.add(`${r.scriptName}:${r.status}`);
    }
    expect(seen.size).toBeGreaterThan(12);
  });

  it("ListThreads and GetThread agree, before and after the rows are written back, and across a restart", async () => {
    const dir = tempDir();
    h = await startHarness({ dataDir: dir, seedThreads: 500 });
    // Finished seeded threads only (the featured live ones move on between calls).
    const finished = (list: { threads: Thread[] }) => list.threads.filter((t) => t.status >= ThreadStatus.COMPLETED);
    const first = await h.client.listThreads({ pageSize: 200 });
    const again = await h.client.listThreads({ pageSize: 200 });
    expect(finished(first).length).toBeGreaterThan(150);
    expect(finished(again)).toEqual(finished(first));
    for (const t of finished(first).slice(0, 60)) {
      expect(await h.client.getThread({ threadId: t.threadId })).toEqual(t);
      // The full synthesis (the log) agrees with the row.
      const r = await h.client.getThreadResult({ threadId: t.threadId, metadataOnly: true });
      expect(r.status).toBe(t.status);
      expect(Number(r.totalSteps)).toBe(t.totalSteps);
    }
    // A thread never listed: GetThread first, then the list.
    const deep = await h.client.listThreads({ pageSize: 100, pageToken: first.nextPageToken });
    const lone = finished(deep)[50]!;
    await h.sandbox.close();
    h = await startHarness({ dataDir: dir, seedThreads: 500 });
    expect(finished(await h.client.listThreads({ pageSize: 200 }))).toEqual(finished(first));
    expect(await h.client.getThread({ threadId: lone.threadId })).toEqual(lone);
  });
});

describe("fanout nodeAt", () => {
  it("agrees with pathOf, levelOf and lastDescendant", () => {
    for (const [n, depth] of [[1, 1], [7, 1], [100, 2], [2000, 3], [12_345, 3], [5000, 4], [999, 8]] as const) {
      const tree = fanoutTree(n, depth);
      for (let i = 0; i < n; i++) {
        expect(nodeAt(tree, i)).toEqual({ path: pathOf(tree, i), level: levelOf(tree, i), last: lastDescendant(tree, i) });
      }
    }
  });
});
