// What the history charts show, computed from a bounded window of threads (the service has no
// aggregate API). Pure.
import { ThreadStatus, type Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { filterableStatuses, threadStatusName, type ThreadStatusName } from "../../api/threads/threadStatus";

export type StatusCounts = Record<Exclude<ThreadStatusName, "unspecified">, number>;

export interface TimeBucket extends StatusCounts {
  readonly startMs: number;
  readonly endMs: number;
}

export interface ChartWindow {
  readonly count: number;
  readonly fromMs: number;
  readonly toMs: number;
}

const emptyCounts = (): StatusCounts => ({ pending: 0, running: 0, paused: 0, completed: 0, failed: 0, cancelled: 0 });

export function chartWindow(threads: readonly Thread[]): ChartWindow {
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (const t of threads) {
    const at = Number(t.createdAtMs);
    if (at <= 0) continue;
    fromMs = Math.min(fromMs, at);
    toMs = Math.max(toMs, at);
  }
  return Number.isFinite(fromMs) ? { count: threads.length, fromMs, toMs } : { count: threads.length, fromMs: 0, toMs: 0 };
}

/** Threads per creation-time bucket, stacked by status. */
export function threadsOverTime(threads: readonly Thread[], bucketCount = 12): TimeBucket[] {
  const w = chartWindow(threads);
  if (w.fromMs === 0) return [];
  const span = Math.max(1, w.toMs - w.fromMs + 1);
  const size = Math.ceil(span / bucketCount);
  const buckets: TimeBucket[] = Array.from({ length: bucketCount }, (_, i) => ({
    startMs: w.fromMs + i * size,
    endMs: w.fromMs + (i + 1) * size,
    ...emptyCounts(),
  }));
  for (const t of threads) {
    const at = Number(t.createdAtMs);
    if (at <= 0 || t.status === ThreadStatus.UNSPECIFIED) continue;
    const bucket = buckets[Math.min(bucketCount - 1, Math.floor((at - w.fromMs) / size))];
    if (bucket === undefined) continue;
    const key = threadStatusName(t.status) as keyof StatusCounts;
    (bucket as StatusCounts)[key] += 1;
  }
  return buckets;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? 0;
}

export interface ScriptDuration {
  readonly script: string;
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

/** p50/p95 duration of finished threads, per script. */
export function durationByScript(threads: readonly Thread[]): ScriptDuration[] {
  const byScript = new Map<string, number[]>();
  for (const t of threads) {
    if (t.startedAtMs <= 0n || t.finishedAtMs < t.startedAtMs) continue;
    const list = byScript.get(t.scriptName) ?? [];
    list.push(Number(t.finishedAtMs - t.startedAtMs));
    byScript.set(t.scriptName, list);
  }
  return [...byScript.entries()]
    .map(([script, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { script, count: sorted.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
    })
    .sort((a, b) => a.script.localeCompare(b.script));
}

export interface ScriptFailureRate {
  readonly script: string;
  readonly finished: number;
  readonly failed: number;
  /** 0..100 */
  readonly ratePercent: number;
}

/** Failed share of finished (completed, failed, cancelled) threads, per script. */
export function failureRateByScript(threads: readonly Thread[]): ScriptFailureRate[] {
  const by = new Map<string, { finished: number; failed: number }>();
  for (const t of threads) {
    if (t.status !== ThreadStatus.COMPLETED && t.status !== ThreadStatus.FAILED && t.status !== ThreadStatus.CANCELLED) continue;
    const entry = by.get(t.scriptName) ?? { finished: 0, failed: 0 };
    entry.finished += 1;
    if (t.status === ThreadStatus.FAILED) entry.failed += 1;
    by.set(t.scriptName, entry);
  }
  return [...by.entries()]
    .map(([script, e]) => ({ script, ...e, ratePercent: Math.round((1000 * e.failed) / e.finished) / 10 }))
    .sort((a, b) => a.script.localeCompare(b.script));
}

export const chartStatuses = filterableStatuses.map((s) => threadStatusName(s) as keyof StatusCounts);
