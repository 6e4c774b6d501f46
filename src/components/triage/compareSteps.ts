// Step statuses of a failed run against the last successful run of the same script, by path.
import type { StepStatus, StepSummary } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { comparePaths } from "../../api/steps/stepPath";

export interface StepComparisonRow {
  path: string;
  name: string;
  /** undefined: the run has no such step. */
  thisRun: StepStatus | undefined;
  lastSuccess: StepStatus | undefined;
}

export interface StepComparison {
  /** Rows whose statuses differ, in path order (capped). */
  differing: StepComparisonRow[];
  differingTotal: number;
  same: number;
}

export function compareStepStatuses(
  thisRun: readonly StepSummary[],
  lastSuccess: readonly StepSummary[],
  cap = 500,
): StepComparison {
  const good = new Map(lastSuccess.map((s) => [s.stepPath, s] as const));
  const rows: StepComparisonRow[] = [];
  let same = 0;
  for (const s of thisRun) {
    const g = good.get(s.stepPath);
    good.delete(s.stepPath);
    if (g !== undefined && g.status === s.status) {
      same++;
      continue;
    }
    rows.push({ path: s.stepPath, name: s.name || (g?.name ?? ""), thisRun: s.status, lastSuccess: g?.status });
  }
  for (const g of good.values()) rows.push({ path: g.stepPath, name: g.name, thisRun: undefined, lastSuccess: g.status });
  rows.sort((a, b) => comparePaths(a.path, b.path));
  return { differing: rows.slice(0, cap), differingTotal: rows.length, same };
}
