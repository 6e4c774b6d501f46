import { afterEach, describe, expect, it } from "vitest";
import { StepStatus, ThreadStatus, type Thread } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { seedRows } from "./seed.js";
import { collectWatch, sequences, startHarness, tempDir, waitForThread, type Harness } from "./testing/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.sandbox.close();
  h = undefined;
});

async function all(harness: Harness): Promise<Thread[]> {
  return (await harness.client.listThreads({ pageSize: 1000 })).threads;
}

describe("seeding", () => {
  it("seeds 300 threads over 14 days with every status, paused asks and recoverable failures", async () => {
    h = await startHarness({ seedThreads: 300 });
    const threads = await all(h);
    expect(threads).toHaveLength(300);
    const statuses = new Set(threads.map((t) => t.status));
    for (const s of [ThreadStatus.PENDING, ThreadStatus.RUNNING, ThreadStatus.PAUSED, ThreadStatus.COMPLETED, ThreadStatus.FAILED, ThreadStatus.CANCELLED]) {
      // Seeded pending threads start at once; they may already be running.
      if (s !== ThreadStatus.PENDING) expect(statuses).toContain(s);
    }
    const ages = threads.map((t) => Date.now() - Number(t.createdAtMs));
    expect(Math.max(...ages)).toBeGreaterThan(12 * 86_400_000);
    expect(Math.max(...ages)).toBeLessThanOrEqual(14 * 86_400_000);
    expect(new Set(threads.map((t) => t.scriptName)).size).toBe(5);
    expect(threads.some((t) => t.metadata["source"] !== undefined)).toBe(true);

    const paused = threads.filter((t) => t.status === ThreadStatus.PAUSED && t.scriptName === "invoice-parser");
    expect(paused.length).toBeGreaterThanOrEqual(5);
    const expiries = await Promise.all(
      paused.map(async (t) => Number((await h!.client.getThreadResult({ threadId: t.threadId, stepPath: "3" })).stepDetails[0]?.ask?.expiresAtMs)),
    );
    expect(expiries).toContain(0);
    expect(expiries.some((e) => e > 0 && e < Date.now() + 3_600_000)).toBe(true);
    expect(expiries.some((e) => e > Date.now() + 2 * 86_400_000)).toBe(true);

    // A seeded paused ask can be answered.
    const p = paused[0]!;
    await h.client.resumeThread({ threadId: p.threadId, stepInputOverrideJson: '{"approved":false,"amount":1,"currency":"EUR"}' });
    await waitForThread(h.client, p.threadId, (s) => s === ThreadStatus.COMPLETED);

    // A seeded recoverable failure can be resumed with corrected input.
    const flaky = threads.filter((t) => t.status === ThreadStatus.FAILED && t.scriptName === "flaky-report");
    expect(flaky.length).toBeGreaterThanOrEqual(3);
    const f = flaky[0]!;
    expect(f.currentStepPath).toBe("1.2.0");
    const before = h.sandbox.eventLog(f.threadId)!;
    await h.client.resumeThread({ threadId: f.threadId, stepInputOverrideJson: '{"page_size":"A4"}' });
    await waitForThread(h.client, f.threadId, (s) => s === ThreadStatus.COMPLETED);
    const after = h.sandbox.eventLog(f.threadId)!;
    expect(after.slice(0, before.length)).toEqual(before);
    expect(sequences(after)).toEqual(after.map((_, i) => i + 1));
  });

  it("synthesizes consistent logs, steps and outputs for seeded finished threads", async () => {
    h = await startHarness({ seedThreads: 300 });
    const threads = await all(h);
    const completed = threads.filter((t) => t.status === ThreadStatus.COMPLETED && t.scriptName === "invoice-parser").slice(0, 3);
    expect(completed.length).toBe(3);
    for (const t of completed) {
      const w = await collectWatch(h.client, t.threadId);
      expect(w.closed).toBe(true);
      expect(w.messages[0]?.event.case).toBe("threadStarted");
      expect(w.messages.at(-1)?.event.case).toBe("threadCompleted");
      expect(Number(w.messages.at(-1)?.occurredAtMs)).toBe(Number(t.finishedAtMs));
      expect(Number(t.finishedAtMs)).toBeLessThan(Date.now());
      const r = await h.client.getThreadResult({ threadId: t.threadId });
      const out = JSON.parse(Buffer.from(r.outputData).toString()) as Record<string, unknown>;
      expect(out["posted"]).toBe(true);
      const answer = JSON.parse(Buffer.from((await h.client.getThreadResult({ threadId: t.threadId, stepPath: "3" })).stepDetails[0]!.outputData).toString()) as Record<string, unknown>;
      expect(out["amount"]).toBe(answer["amount"]);
      expect(r.steps.every((s) => s.status === StepStatus.COMPLETED)).toBe(true);
      expect(t.completedSteps).toBe(7);
      // Synthesis is deterministic.
      expect(h.sandbox.eventLog(t.threadId)).toEqual(h.sandbox.eventLog(t.threadId));
    }
    const cancelled = threads.find((t) => t.status === ThreadStatus.CANCELLED);
    const w = await collectWatch(h.client, cancelled!.threadId);
    expect(w.messages.at(-1)?.event.case).toBe("threadCancelled");
  });

  it("seeds only an empty store; the seeded history survives a restart", async () => {
    const dir = tempDir();
    h = await startHarness({ dataDir: dir, seedThreads: 40 });
    const first = (await all(h)).map((t) => t.threadId);
    await h.sandbox.close();
    h = await startHarness({ dataDir: dir, seedThreads: 500 });
    expect((await all(h)).map((t) => t.threadId)).toEqual(first);
  });

  it("generates rows for 100,000 seeds quickly, newest first after the featured ones", () => {
    const started = Date.now();
    let n = 0;
    let last = Infinity;
    let ordered = true;
    for (const r of seedRows(100_000, Date.now())) {
      if (n >= 30 && r.createdAtMs >= last) ordered = false;
      if (n >= 30) last = r.createdAtMs;
      n++;
    }
    expect(n).toBe(100_000);
    expect(ordered).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("seeded running threads", () => {
  it("continue from their last completed unit, with attempt 1", async () => {
    h = await startHarness({ seedThreads: 30 });
    const running = (await h.client.listThreads({ pageSize: 100, statusFilter: ThreadStatus.RUNNING })).threads.filter((t) => t.scriptName === "invoice-parser");
    expect(running.length).toBeGreaterThan(0);
    const t = running[0]!;
    await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.PAUSED);
    const log = h.sandbox.eventLog(t.threadId)!;
    const attempts = log.flatMap((m) => (m.event.case === "stepStarted" ? [m.event.value.attempt] : []));
    expect(attempts.every((a) => a === 1)).toBe(true);
    expect(new Set(sequences(log)).size).toBe(log.length);
  });
});
