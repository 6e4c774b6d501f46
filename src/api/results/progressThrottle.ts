// Progress of a long transfer, reported at most every few hundred milliseconds: a download of
// 500 MB in 2 MiB chunks would otherwise re-render its progress bar (a role="status" region,
// read out by screen readers) a hundred times a second. The first report and the one that
// reaches the total always pass. Pure apart from the clock it is given.

export type ProgressReport = (done: number, total: number, note?: string) => void;

export const PROGRESS_INTERVAL_MS = 250;

export function throttleProgress(report: ProgressReport, intervalMs = PROGRESS_INTERVAL_MS, now: () => number = () => performance.now()): ProgressReport {
  let last = -Infinity;
  return (done, total, note) => {
    const t = now();
    if (t - last < intervalMs && !(total > 0 && done >= total)) return;
    last = t;
    report(done, total, note);
  };
}
