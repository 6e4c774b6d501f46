// "First failure", "next failure", "previous failure": over root-cause failures (failed steps
// with no failed step under them) in tree order, so a failure that only propagated up is skipped.
import type { StepTree } from "./stepTree";

export type FailureMove = "first" | "next" | "previous" | "last";

/** The failure row to go to from `current` (-1 = nothing selected); -1 when there is none. */
export function failureTarget(tree: StepTree, current: number, move: FailureMove): number {
  const f = tree.leafFailures;
  if (f.length === 0) return -1;
  switch (move) {
    case "first":
      return f[0] as number;
    case "last":
      return f[f.length - 1] as number;
    case "next": {
      let lo = 0;
      let hi = f.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((f[mid] as number) <= current) lo = mid + 1;
        else hi = mid;
      }
      return lo < f.length ? (f[lo] as number) : (f[0] as number);
    }
    case "previous": {
      let lo = 0;
      let hi = f.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((f[mid] as number) < current) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 ? (f[lo - 1] as number) : (f[f.length - 1] as number);
    }
  }
}

/** 1-based position of a row among the failures ("2 of 5"), or 0 when it is not one. */
export function failureOrdinal(tree: StepTree, row: number): number {
  const f = tree.leafFailures;
  let lo = 0;
  let hi = f.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = f[mid] as number;
    if (v === row) return mid + 1;
    if (v < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** The earliest root-cause failure by time (then tree order): where triage starts. */
export function earliestFailure(tree: StepTree): number {
  let best = -1;
  let bestTime = Number.POSITIVE_INFINITY;
  for (const row of tree.leafFailures) {
    const c = tree.src[row] as number;
    const t = tree.cols.finishedAt[c] || tree.cols.startedAt[c] || Number.MAX_SAFE_INTEGER;
    if (t < bestTime) {
      best = row;
      bestTime = t;
    }
  }
  return best;
}
