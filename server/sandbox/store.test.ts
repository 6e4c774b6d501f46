import path from "node:path";
import { describe, expect, it } from "vitest";
import { StepStatus, ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { pendingRow, type StepRecord, type ThreadRow } from "./model.js";
import { Store } from "./store.js";
import { tempDir } from "./testing/harness.js";

function row(id: string, createdAtMs: number, status = ThreadStatus.RUNNING, scriptName = "invoice-parser"): ThreadRow {
  const pending = pendingRow({
    threadId: id,
    scriptName,
    version: 3,
    totalSteps: 7,
    createdAtMs,
    metadata: { source: "test" },
    inputJson: '{"invoice_id":"INV-1"}',
  });
  return { ...pending, status, startedAtMs: createdAtMs };
}

const step: StepRecord = {
  path: "1",
  name: "fetch-invoice",
  primitive: "tool",
  tool: "http.get",
  status: StepStatus.RUNNING,
  attempt: 1,
  startedAtMs: 5,
  finishedAtMs: 0,
  error: "",
  recoverable: false,
  input: { kind: "json", text: '{"url":"x"}' },
  output: null,
  ask: null,
};

describe("Store", () => {
  it("round-trips threads, steps and events, and assigns sequences from 1 without gaps", () => {
    const s = new Store(null);
    s.insertThread(row("thr_a", 1000));
    const e1 = s.commit("thr_a", {
      thread: { cursor: 1, currentStepPath: "1" },
      steps: [step],
      events: [
        { atMs: 10, body: { case: "threadStarted", value: { totalSteps: 7 } } },
        { atMs: 11, body: { case: "stepStarted", value: { stepPath: "1", name: "fetch-invoice", primitive: "tool", tool: "http.get", attempt: 1, totalSteps: 7 } } },
      ],
    });
    expect(e1.map((e) => e.seq)).toEqual([1, 2]);
    const y = s.commit("thr_a", { events: [{ atMs: 12, body: { case: "valueYielded", value: { index: 0, stepPath: "1", valueJson: "1", yieldedAtMs: 12 } } }] }, true);
    expect(y[0]?.seq).toBe(3);
    const e3 = s.commit("thr_a", { events: [{ atMs: 13, body: { case: "stepCompleted", value: { stepPath: "1", durationMs: 8 } } }] });
    expect(e3[0]?.seq).toBe(4);
    expect(s.events("thr_a").map((e) => [e.seq, e.body.case])).toEqual([
      [1, "threadStarted"],
      [2, "stepStarted"],
      [3, "valueYielded"],
      [4, "stepCompleted"],
    ]);
    expect(s.events("thr_a", 2).map((e) => e.seq)).toEqual([3, 4]);
    expect(s.getThread("thr_a")).toMatchObject({ cursor: 1, currentStepPath: "1", metadata: { source: "test" } });
    expect(s.step("thr_a", "1")).toEqual(step);
    expect(s.yieldCount("thr_a")).toBe(1);
    expect(s.stepYieldCount("thr_a", "1")).toBe(1);
    expect(s.yields("thr_a", 10).map((e) => e.seq)).toEqual([3]);
    s.close();
  });

  it("keeps sequences monotonic across a reopen of the same file, buffered events included", () => {
    const dir = tempDir();
    const a = new Store(dir);
    a.insertThread(row("thr_b", 1000));
    for (let i = 0; i < 5; i++) {
      a.commit("thr_b", { events: [{ atMs: i, body: { case: "valueYielded", value: { index: i, stepPath: "1", valueJson: String(i), yieldedAtMs: i } } }] }, true);
    }
    a.close(); // flushes the buffer
    const b = new Store(dir);
    const next = b.commit("thr_b", { thread: { completedSteps: 1 }, events: [{ atMs: 9, body: { case: "stepCompleted", value: { stepPath: "1", durationMs: 9 } } }] });
    expect(next[0]?.seq).toBe(6);
    expect(b.events("thr_b").map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(b.yieldCount("thr_b")).toBe(5);
    expect(b.getThread("thr_b")?.completedSteps).toBe(1);
    b.close();
    expect(path.basename(dir)).toMatch(/^scriptum-sandbox-/);
  });

  it("lists newest first with keyset paging and filters", () => {
    const s = new Store(null);
    s.insertThread(row("thr_1", 100, ThreadStatus.COMPLETED));
    s.insertThread(row("thr_2", 200, ThreadStatus.FAILED, "fanout"));
    s.insertThread(row("thr_3", 200, ThreadStatus.COMPLETED));
    s.insertThread(row("thr_4", 300, ThreadStatus.COMPLETED));
    expect(s.listThreads({ limit: 10 }).map((r) => r.threadId)).toEqual(["thr_4", "thr_3", "thr_2", "thr_1"]);
    expect(s.listThreads({ limit: 10, after: { createdAtMs: 200, threadId: "thr_3" } }).map((r) => r.threadId)).toEqual(["thr_2", "thr_1"]);
    expect(s.listThreads({ limit: 10, statuses: [ThreadStatus.COMPLETED] }).map((r) => r.threadId)).toEqual(["thr_4", "thr_3", "thr_1"]);
    expect(s.listThreads({ limit: 10, scriptName: "fanout" }).map((r) => r.threadId)).toEqual(["thr_2"]);
    // A thread created later does not shift the next page.
    s.insertThread(row("thr_5", 400));
    expect(s.listThreads({ limit: 1, after: { createdAtMs: 300, threadId: "thr_4" } }).map((r) => r.threadId)).toEqual(["thr_3"]);
    s.close();
  });
});
