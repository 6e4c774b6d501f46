import { describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import {
  StepStatus,
  WatchThreadResponseSchema,
  type WatchThreadResponse,
} from "../gen/dodil/scriptum/v1/scriptum_pb";
import { applyStepPatches, patchesSince, planStepPatches } from "./liveStepPatches";
import { findRow, pathAt, statusAt } from "./stepTree";
import { treeOf } from "./testTree";

const started = (seq: number, path: string, attempt = 1): WatchThreadResponse =>
  create(WatchThreadResponseSchema, {
    sequence: BigInt(seq),
    occurredAtMs: BigInt(1000 + seq),
    event: { case: "stepStarted", value: { stepPath: path, name: `n${path}`, primitive: "tool", tool: "t", attempt } },
  });
const completed = (seq: number, path: string): WatchThreadResponse =>
  create(WatchThreadResponseSchema, {
    sequence: BigInt(seq),
    occurredAtMs: BigInt(1000 + seq),
    event: { case: "stepCompleted", value: { stepPath: path, durationMs: 5n } },
  });
const failed = (seq: number, path: string): WatchThreadResponse =>
  create(WatchThreadResponseSchema, {
    sequence: BigInt(seq),
    occurredAtMs: BigInt(1000 + seq),
    event: { case: "stepFailed", value: { stepPath: path, error: "bad input" } },
  });

describe("live step patches", () => {
  it("adds new steps in path order and updates known ones", () => {
    const tree = treeOf("1:run", "1.1:ok");
    const events = [started(1, "1.10"), started(2, "1.2"), completed(3, "1.2"), failed(4, "1.10")];
    const { patches, lastSequence } = patchesSince(events, 0n);
    expect(lastSequence).toBe(4n);
    const next = applyStepPatches(tree, patches);
    expect(Array.from({ length: next.count }, (_, r) => pathAt(next, r))).toEqual(["1", "1.1", "1.2", "1.10"]);
    expect(statusAt(next, findRow(next, "1.2"))).toBe(StepStatus.COMPLETED);
    expect(statusAt(next, findRow(next, "1.10"))).toBe(StepStatus.FAILED);
    expect(pathAt(next, next.leafFailures[0] as number)).toBe("1.10");
  });

  it("does not let a replayed start undo a finished step, but a new attempt does", () => {
    const tree = treeOf("1:ok");
    const replay = applyStepPatches(tree, patchesSince([started(1, "1")], 0n).patches);
    expect(statusAt(replay, 0)).toBe(StepStatus.COMPLETED);
    const retried = applyStepPatches(tree, patchesSince([started(7, "1", 2)], 0n).patches);
    expect(statusAt(retried, 0)).toBe(StepStatus.RUNNING);
  });

  it("skips events at or below the last applied sequence", () => {
    const { patches, lastSequence } = patchesSince([started(1, "1"), started(2, "2"), completed(3, "2")], 2n);
    expect(patches.map((p) => p.kind)).toEqual(["completed"]);
    expect(lastSequence).toBe(3n);
  });

  it("changes nothing when there is nothing to apply", () => {
    const tree = treeOf("1:ok");
    expect(applyStepPatches(tree, [])).toBe(tree);
  });

  it("keeps the same tree (no pass over every step) when a replay changes nothing", () => {
    const tree = treeOf("1:ok", "1.1:ok");
    const replay = patchesSince([started(1, "1"), started(2, "1.1")], 0n).patches;
    const plan = planStepPatches(tree, replay);
    expect(plan.changed).toBe(false);
    expect(plan.cols).toBe(tree.cols);
    expect(applyStepPatches(tree, replay)).toBe(tree);
    // One real change copies the numbers and leaves the original tree as it was.
    const next = applyStepPatches(tree, patchesSince([started(3, "1.1", 2)], 0n).patches);
    expect(next).not.toBe(tree);
    expect(statusAt(next, 1)).toBe(StepStatus.RUNNING);
    expect(statusAt(tree, 1)).toBe(StepStatus.COMPLETED);
  });
});
