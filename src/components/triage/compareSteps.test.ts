import { describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { StepStatus, StepSummarySchema } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { compareStepStatuses } from "./compareSteps";

const s = (stepPath: string, status: StepStatus) => create(StepSummarySchema, { stepPath, status, name: `n${stepPath}` });

describe("compareStepStatuses", () => {
  it("lists steps whose status differs, and steps only one run has, in path order", () => {
    const c = compareStepStatuses(
      [s("1", StepStatus.FAILED), s("1.10", StepStatus.FAILED), s("1.2", StepStatus.COMPLETED), s("1.9", StepStatus.SKIPPED)],
      [s("1", StepStatus.COMPLETED), s("1.2", StepStatus.COMPLETED), s("1.10", StepStatus.COMPLETED), s("2", StepStatus.COMPLETED)],
    );
    expect(c.differing.map((r) => [r.path, r.thisRun, r.lastSuccess])).toEqual([
      ["1", StepStatus.FAILED, StepStatus.COMPLETED],
      ["1.9", StepStatus.SKIPPED, undefined],
      ["1.10", StepStatus.FAILED, StepStatus.COMPLETED],
      ["2", undefined, StepStatus.COMPLETED],
    ]);
    expect(c.same).toBe(1);
    expect(c.differingTotal).toBe(4);
  });
  it("caps the rows it returns", () => {
    const many = Array.from({ length: 20 }, (_, i) => s(String(i + 1), StepStatus.FAILED));
    const c = compareStepStatuses(many, [], 5);
    expect(c.differing).toHaveLength(5);
    expect(c.differingTotal).toBe(20);
  });
});
