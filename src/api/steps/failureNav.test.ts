import { describe, expect, it } from "vitest";
import { StepStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { columnsFromRecords } from "./stepColumns";
import { earliestFailure, failureOrdinal, failureTarget } from "./failureNav";
import { buildStepTree, findRow, pathAt } from "./stepTree";
import { rec, treeOf } from "./testTree";

const tree = treeOf("1:fail", "1.1:fail", "1.2:ok", "1.3:fail", "2:ok", "3:fail", "3.1:ok");
const go = (from: string | null, move: Parameters<typeof failureTarget>[2]) =>
  pathAt(tree, failureTarget(tree, from === null ? -1 : findRow(tree, from), move));

describe("failure navigation", () => {
  it("walks root-cause failures in tree order, skipping failures that only propagated", () => {
    expect(go(null, "first")).toBe("1.1");
    expect(go("1.1", "next")).toBe("1.3");
    expect(go("1.3", "next")).toBe("3");
    expect(go("1.2", "next")).toBe("1.3");
    expect(go("1.3", "previous")).toBe("1.1");
    expect(go("2", "previous")).toBe("1.3");
    expect(go(null, "last")).toBe("3");
  });
  it("wraps around at both ends", () => {
    expect(go("3", "next")).toBe("1.1");
    expect(go("1.1", "previous")).toBe("3");
    expect(go("1", "previous")).toBe("3");
  });
  it("says where a failure sits among all of them", () => {
    expect(failureOrdinal(tree, findRow(tree, "1.3"))).toBe(2);
    expect(failureOrdinal(tree, findRow(tree, "1"))).toBe(0);
  });
  it("returns -1 when nothing failed", () => {
    const ok = treeOf("1:ok", "2:ok");
    expect(failureTarget(ok, -1, "first")).toBe(-1);
    expect(failureTarget(ok, 0, "next")).toBe(-1);
    expect(earliestFailure(ok)).toBe(-1);
  });
  it("finds the earliest failure by time for triage", () => {
    const t = buildStepTree(
      columnsFromRecords([
        rec("1", StepStatus.FAILED, { finishedAtMs: 5000 }),
        rec("2", StepStatus.FAILED, { finishedAtMs: 3000 }),
      ]),
    );
    expect(pathAt(t, earliestFailure(t))).toBe("2");
  });
});
