import { describe, expect, it } from "vitest";
import { ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { applyEvents, applySnapshot, initialLiveState } from "./threadEventsReducer";
import {
  cancelled,
  completed,
  ev,
  failed,
  invoiceRunToAsk,
  paused,
  started,
  stepCompleted,
  stepFailed,
  stepStarted,
  thread,
  yielded,
} from "./testEvents";

const sequences = (s: { events: readonly { sequence: bigint }[] }) => s.events.map((e) => Number(e.sequence));

describe("threadEventsReducer", () => {
  it("applies events in sequence order and folds every event kind", () => {
    const s = applyEvents(initialLiveState("thr_1"), [
      started(1, 4),
      stepStarted(2, "1"),
      stepCompleted(3, "1"),
      stepStarted(4, "1.2.0"),
      stepFailed(5, "1.2.0", "bad input", true),
      yielded(6, 0, { n: 1 }),
      paused(7, "1.2.0"),
    ]);
    expect(sequences(s)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(s.fold.started).toBe(true);
    expect(s.fold.totalSteps).toBe(4);
    expect(s.fold.completedSteps).toBe(1);
    expect(s.fold.currentStep?.path).toBe("1.2.0");
    expect(s.fold.lastStepFailure).toEqual({ path: "1.2.0", error: "bad input", recoverable: true });
    expect(s.fold.yieldCount).toBe(1);
    expect(s.fold.paused).toEqual({ stepPath: "1.2.0", stepName: "approve-amount", sequence: 7n });
    expect(s.fold.terminal).toBeUndefined();
  });

  it.each([
    ["completed", completed(3), ThreadStatus.COMPLETED, ""],
    ["failed", failed(3, "it broke"), ThreadStatus.FAILED, "it broke"],
    ["cancelled", cancelled(3), ThreadStatus.CANCELLED, "by user"],
  ])("folds a %s event into a terminal status", (_name, event, status, error) => {
    const s = applyEvents(initialLiveState("thr_1"), [started(1), stepStarted(2, "1", "ask"), event]);
    expect(s.fold.terminal?.status).toBe(status);
    expect(s.fold.terminal?.error).toBe(error);
    expect(s.fold.openAsk).toBeUndefined();
  });

  it("drops a full replay after a reconnect, returning the same state object", () => {
    const first = applyEvents(initialLiveState("thr_1"), invoiceRunToAsk());
    const replay = applyEvents(first, invoiceRunToAsk());
    expect(sequences(replay)).toEqual(sequences(first));
    expect(replay.droppedDuplicates).toBe(11);
    expect(replay.events).toBe(first.events);
    expect(replay.fold).toBe(first.fold);
  });

  it("drops duplicates inside one batch and keeps the first copy", () => {
    const a = stepStarted(2, "1", "task", "first");
    const b = stepStarted(2, "1", "task", "second");
    const s = applyEvents(initialLiveState("thr_1"), [started(1), a, b, a]);
    expect(sequences(s)).toEqual([1, 2]);
    expect(s.droppedDuplicates).toBe(2);
    expect(s.fold.currentStep?.name).toBe("first");
  });

  it("tolerates gaps and counts the missing sequences", () => {
    const s = applyEvents(initialLiveState("thr_1"), [started(1), stepStarted(2, "1"), stepStarted(5, "2")]);
    expect(sequences(s)).toEqual([1, 2, 5]);
    expect(s.missingSequences).toBe(2);
    expect(s.fold.currentStep?.path).toBe("2");
  });

  it("puts an out-of-order event in its place and re-folds", () => {
    const s1 = applyEvents(initialLiveState("thr_1"), [started(1), stepStarted(2, "1"), stepStarted(4, "2")]);
    const s2 = applyEvents(s1, [stepCompleted(3, "1")]);
    expect(sequences(s2)).toEqual([1, 2, 3, 4]);
    expect(s2.missingSequences).toBe(0);
    expect(s2.fold.completedSteps).toBe(1);
    expect(s2.fold.currentStep?.path).toBe("2");
    // A late event older than the last step does not move the current step back.
    expect(s2.fold.lastStepEventSequence).toBe(4n);
  });

  it("handles a batch that arrives fully reversed", () => {
    const run = invoiceRunToAsk();
    const s = applyEvents(initialLiveState("thr_1"), [...run].reverse());
    expect(sequences(s)).toEqual(run.map((e) => Number(e.sequence)));
    expect(s.fold.openAsk?.path).toBe("3");
    expect(s.missingSequences).toBe(0);
  });

  it("drops events without a sequence or for another thread", () => {
    const s = applyEvents(initialLiveState("thr_1"), [ev(0, { case: "threadStarted", value: {} }), started(1, 3), ev(2, { case: "threadStarted", value: {} }, "thr_other")]);
    expect(sequences(s)).toEqual([1]);
    expect(s.droppedInvalid).toBe(2);
  });

  it("keeps an event of an unknown kind in the timeline without changing the status", () => {
    const s = applyEvents(initialLiveState("thr_1"), [started(1), ev(2, { case: undefined })]);
    expect(sequences(s)).toEqual([1, 2]);
    expect(s.fold.unknownEvents).toBe(1);
  });

  it("tracks an open ask until the ask step finishes", () => {
    const s1 = applyEvents(initialLiveState("thr_1"), invoiceRunToAsk());
    expect(s1.fold.openAsk?.path).toBe("3");
    const s2 = applyEvents(s1, [stepCompleted(12, "3"), stepStarted(13, "4")]);
    expect(s2.fold.openAsk).toBeUndefined();
  });

  it("a later step event clears a ThreadPaused", () => {
    const s1 = applyEvents(initialLiveState("thr_1"), [...invoiceRunToAsk(), paused(12)]);
    expect(s1.fold.paused?.stepPath).toBe("3");
    const s2 = applyEvents(s1, [stepCompleted(13, "3")]);
    expect(s2.fold.paused).toBeUndefined();
  });

  it("records the sequence a snapshot is as new as, and ignores an identical one", () => {
    const s1 = applyEvents(initialLiveState("thr_1"), [started(1), stepStarted(2, "1")]);
    const s2 = applySnapshot(s1, thread(ThreadStatus.RUNNING));
    expect(s2.snapshotAtSequence).toBe(2n);
    expect(applySnapshot(s2, thread(ThreadStatus.RUNNING))).toBe(s2);
    expect(applySnapshot(s2, thread(ThreadStatus.RUNNING, { threadId: "thr_other" }))).toBe(s2);
  });
});
