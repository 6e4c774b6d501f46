import { Code, ConnectError } from "@connectrpc/connect";
import { afterEach, describe, expect, it } from "vitest";
import { StepStatus, ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { compareStepPaths } from "./stepPath.js";
import { collectWatch, sequences, startHarness, waitForThread, type Harness } from "./testing/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.sandbox.close();
  h = undefined;
});

async function run(harness: Harness, scriptName: string, input: unknown, until: ThreadStatus, timeoutMs = 20_000) {
  const t = await harness.client.createThread({ scriptName, inputJson: JSON.stringify(input) });
  return waitForThread(harness.client, t.threadId, (s) => s === until, timeoutMs);
}

describe("flaky-report", () => {
  it("fails at 1.2.0 (recoverable); a still-bad correction fails again; a good one completes", async () => {
    h = await startHarness();
    const t = await run(h, "flaky-report", {}, ThreadStatus.FAILED);
    expect(t.currentStepPath).toBe("1.2.0");
    expect(t.error).toBe("RenderError: page size 'A5' is not supported by template quarterly-v2 (supported: A4, Letter)");
    const step = (await h.client.getThreadResult({ threadId: t.threadId, stepPath: "1.2.0" })).stepDetails[0];
    expect(step?.recoverable).toBe(true);
    expect(JSON.parse(Buffer.from(step?.inputData ?? new Uint8Array()).toString())).toMatchObject({ page_size: "A5" });

    await h.client.resumeThread({ threadId: t.threadId, stepInputOverrideJson: '{"page_size":"B5"}' });
    const again = await waitForThread(h.client, t.threadId, (s, x) => s === ThreadStatus.FAILED && x.error.includes("'B5'"));
    expect(again.currentStepPath).toBe("1.2.0");

    await h.client.resumeThread({ threadId: t.threadId, stepInputOverrideJson: '{"page_size":"A4"}' });
    const done = await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.COMPLETED);
    const result = await h.client.getThreadResult({ threadId: t.threadId, stepPath: "1.2.0" });
    expect(result.stepDetails[0]?.attempt).toBe(3);
    expect(result.stepDetails[0]?.status).toBe(StepStatus.COMPLETED);
    expect(JSON.parse(Buffer.from(result.outputData).toString())).toMatchObject({ page_size: "A4", pages: 12 });
    const watch = await collectWatch(h.client, done.threadId);
    const starts = watch.messages.flatMap((m) => (m.event.case === "stepStarted" && m.event.value.stepPath === "1.2.0" ? [m.event.value.attempt] : []));
    expect(starts).toEqual([1, 2, 3]);
    expect(watch.messages.at(-1)?.event.case).toBe("threadCompleted");
  });

  it("completes at once with a supported page size", async () => {
    h = await startHarness();
    await run(h, "flaky-report", { page_size: "Letter" }, ThreadStatus.COMPLETED);
  });
});

describe("fanout", () => {
  it("builds the tree with numerically ordered paths and an event per step", async () => {
    h = await startHarness();
    const t = await run(h, "fanout", { steps: 120, depth: 2 }, ThreadStatus.COMPLETED);
    expect(t.totalSteps).toBe(120);
    const r = await h.client.getThreadResult({ threadId: t.threadId });
    const paths = r.steps.map((s) => s.stepPath);
    expect(paths).toHaveLength(120);
    expect(new Set(paths).size).toBe(120);
    expect([...paths].sort(compareStepPaths)).toEqual(paths);
    expect(paths.indexOf("1.10")).toBeGreaterThan(paths.indexOf("1.9"));
    expect(r.steps.every((s) => s.status === StepStatus.COMPLETED)).toBe(true);
    const watch = await collectWatch(h.client, t.threadId);
    const started = watch.messages.filter((m) => m.event.case === "stepStarted").length;
    const completed = watch.messages.filter((m) => m.event.case === "stepCompleted").length;
    expect([started, completed]).toEqual([120, 120]);
    const seqs = sequences(watch.messages);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it("fails at fail_at; rejects a fail_at that is not in the tree", async () => {
    h = await startHarness();
    const t = await run(h, "fanout", { steps: 50, depth: 2, fail_at: "2.3" }, ThreadStatus.FAILED);
    expect(t.currentStepPath).toBe("2.3");
    const r = await h.client.getThreadResult({ threadId: t.threadId, stepPath: "2.3" });
    expect(r.stepDetails[0]?.status).toBe(StepStatus.FAILED);
    const after = r.steps.find((s) => s.stepPath === "3");
    expect(after?.status).toBe(StepStatus.SKIPPED);
    const bad = await h.client.createThread({ scriptName: "fanout", inputJson: '{"steps": 5, "fail_at": "9.9"}' }).catch((e: unknown) => ConnectError.from(e));
    expect(bad instanceof ConnectError && bad.code).toBe(Code.InvalidArgument);
  });

  it("builds 100,000 steps quickly, with events for first-level steps only", async () => {
    h = await startHarness({ speed: 10 });
    const started = Date.now();
    const t = await run(h, "fanout", { steps: 100_000 }, ThreadStatus.COMPLETED, 30_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    const r = await h.client.getThreadResult({ threadId: t.threadId, outputOnly: false });
    expect(r.totalSteps).toBe(100_000n);
    expect(r.steps).toHaveLength(10_000);
    expect(r.stepsTruncated).toBe(true);
    const log = h.sandbox.eventLog(t.threadId) ?? [];
    const stepPaths = log.flatMap((m) => (m.event.case === "stepStarted" ? [m.event.value.stepPath] : []));
    expect(stepPaths.length).toBeGreaterThan(10);
    expect(stepPaths.every((p) => !p.includes("."))).toBe(true);
  });
});

describe("big-export", () => {
  it("produces a valid JSON output of the size it reports, byte-identical across calls", async () => {
    h = await startHarness();
    const t = await run(h, "big-export", { mb: 0.3 }, ThreadStatus.COMPLETED);
    const r = await h.client.getThreadResult({ threadId: t.threadId });
    expect(r.outputTruncated).toBe(false);
    expect(Number(r.outputTotalBytes)).toBe(Math.round(0.3 * 1024 * 1024));
    const whole = Buffer.from(r.outputData);
    expect(() => JSON.parse(whole.toString())).not.toThrow();
    const parts: Buffer[] = [];
    for await (const m of h.client.streamThreadResult({ threadId: t.threadId, maxChunkBytes: 1000n })) {
      if (m.chunk.case === "data") parts.push(Buffer.from(m.chunk.value.data));
    }
    expect(parts.length).toBe(Math.ceil(whole.length / (64 * 1024))); // clamped to 64 KiB
    expect(Buffer.concat(parts).equals(whole)).toBe(true);
    const export2 = (await h.client.getThreadResult({ threadId: t.threadId, stepPath: "2" })).stepDetails[0];
    expect(export2?.outputTruncated).toBe(true);
    expect(export2?.outputData.length).toBe(64 * 1024);
  });

  it("truncates a 6 MB output in GetThreadResult and streams it whole", async () => {
    h = await startHarness({ speed: 100 });
    const t = await run(h, "big-export", { mb: 6 }, ThreadStatus.COMPLETED);
    const r = await h.client.getThreadResult({ threadId: t.threadId });
    expect(r.outputTruncated).toBe(true);
    expect(r.outputData.length).toBe(4 * 1024 * 1024);
    const meta = await h.client.getThreadResult({ threadId: t.threadId, metadataOnly: true });
    expect(meta.outputData.length).toBe(0);
    expect(meta.outputTotalBytes).toBe(6n * 1024n * 1024n);
    let index = 0;
    let total = 0;
    const parts: Buffer[] = [];
    let first: string | undefined;
    for await (const m of h.client.streamThreadResult({ threadId: t.threadId })) {
      first ??= m.chunk.case;
      if (m.chunk.case !== "data") continue;
      expect(m.chunk.value.chunkIndex).toBe(BigInt(index++));
      total += m.chunk.value.data.length;
      parts.push(Buffer.from(m.chunk.value.data));
      if (m.chunk.value.isFinal) expect(total).toBe(6 * 1024 * 1024);
    }
    expect(first).toBe("meta");
    expect(index).toBe(3);
    const whole = Buffer.concat(parts);
    expect(whole.subarray(0, r.outputData.length).equals(Buffer.from(r.outputData))).toBe(true);
    expect(() => JSON.parse(whole.toString())).not.toThrow();
  });
});

describe("ticker", () => {
  it("yields `rate` values a second in real time, each with its emission time", async () => {
    h = await startHarness({ speed: 100 });
    const t0 = Date.now();
    const t = await run(h, "ticker", { seconds: 0.5, rate: 40 }, ThreadStatus.COMPLETED);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450); // not scaled by speed
    const r = await h.client.getThreadResult({ threadId: t.threadId });
    expect(r.totalYielded).toBe(20n);
    const values = r.yieldedValues.map((v) => JSON.parse(Buffer.from(v.valueData).toString()) as { n: number; emitted_at_ms: number });
    expect(values.map((v) => v.n)).toEqual([...Array(20).keys()]);
    expect(values.every((v, i) => i === 0 || v.emitted_at_ms >= values[i - 1]!.emitted_at_ms)).toBe(true);
    expect(r.yieldedValues.map((v) => Number(v.index))).toEqual([...Array(20).keys()]);
    const seqs = sequences(h.sandbox.eventLog(t.threadId) ?? []);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});
