// Test helper (used by the tests beside this file): a tree from "path:status" shorthand.
import { StepStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { columnsFromRecords, type StepRecord } from "./stepColumns";
import { buildStepTree, type StepTree } from "./stepTree";

const codes: Record<string, StepStatus> = {
  ok: StepStatus.COMPLETED,
  fail: StepStatus.FAILED,
  run: StepStatus.RUNNING,
  wait: StepStatus.WAITING,
  pend: StepStatus.PENDING,
  skip: StepStatus.SKIPPED,
};

export function rec(path: string, status: StepStatus, extra: Partial<StepRecord> = {}): StepRecord {
  return {
    path,
    name: `step ${path}`,
    primitive: "call",
    tool: "http",
    error: status === StepStatus.FAILED ? `boom at ${path}` : "",
    status,
    attempt: 1,
    startedAtMs: 0,
    finishedAtMs: 0,
    durationMs: 0,
    ...extra,
  };
}

/** treeOf("1:ok", "1.1:fail", …) */
export function treeOf(...specs: string[]): StepTree {
  return buildStepTree(
    columnsFromRecords(
      specs.map((s) => {
        const [path = "", st = "ok"] = s.split(":");
        return rec(path, codes[st] ?? StepStatus.COMPLETED);
      }),
    ),
  );
}
