import { describe, expect, it } from "vitest";
import { ThreadStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { thread } from "../../api/live/testEvents";
import { chartWindow, durationByScript, failureRateByScript, percentile, threadsOverTime } from "./chartData";

const t = (scriptName: string, status: ThreadStatus, createdAtMs: number, durationMs = 0) =>
  thread(status, {
    threadId: `${scriptName}-${createdAtMs}`,
    scriptName,
    createdAtMs: BigInt(createdAtMs),
    startedAtMs: durationMs > 0 ? BigInt(createdAtMs) : 0n,
    finishedAtMs: durationMs > 0 ? BigInt(createdAtMs + durationMs) : 0n,
  });

describe("chart data", () => {
  const threads = [
    t("a", ThreadStatus.COMPLETED, 1000, 100),
    t("a", ThreadStatus.FAILED, 2000, 300),
    t("a", ThreadStatus.COMPLETED, 3000, 200),
    t("b", ThreadStatus.RUNNING, 4000),
    t("b", ThreadStatus.CANCELLED, 5000, 50),
  ];

  it("states the window: how many threads and which creation times", () => {
    expect(chartWindow(threads)).toEqual({ count: 5, fromMs: 1000, toMs: 5000 });
    expect(chartWindow([])).toEqual({ count: 0, fromMs: 0, toMs: 0 });
  });

  it("counts threads per time bucket and status", () => {
    const buckets = threadsOverTime(threads, 2);
    expect(buckets).toHaveLength(2);
    expect(buckets[0]).toMatchObject({ completed: 2, failed: 1, running: 0 });
    expect(buckets[1]).toMatchObject({ running: 1, cancelled: 1 });
    expect(threadsOverTime([], 4)).toEqual([]);
  });

  it("computes p50/p95 per script with the nearest rank", () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(durationByScript(threads)).toEqual([
      { script: "a", count: 3, p50Ms: 200, p95Ms: 300 },
      { script: "b", count: 1, p50Ms: 50, p95Ms: 50 },
    ]);
  });

  it("computes the failure rate of finished threads per script", () => {
    expect(failureRateByScript(threads)).toEqual([
      { script: "a", finished: 3, failed: 1, ratePercent: 33.3 },
      { script: "b", finished: 1, failed: 0, ratePercent: 0 },
    ]);
  });
});
