import { describe, expect, it } from "vitest";
import { ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { rowAt, sameStorage, sequenceAt } from "./eventLog";
import { EventKind } from "./eventRecord";
import type { LiveThreadState } from "./liveThreadState";
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

/** The timeline's sequences (every event). */
const sequences = (s: LiveThreadState) => Array.from({ length: s.timeline.count }, (_, i) => sequenceAt(s.timeline, i));
/** The sequences of the events kept as messages (thread and step events). */
const messageSequences = (s: LiveThreadState) => s.events.map((e) => Number(e.sequence));

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
    expect(messageSequences(s)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(rowAt(s.timeline, 5)).toMatchObject({ kind: EventKind.ValueYielded, detail: '{"n":1}' });
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
    expect(replay.timeline).toBe(first.timeline);
    expect(replay.fold).toBe(first.fold);
  });

  it("drops duplicates inside one batch and keeps the first copy", () => {
    const a = stepStarted(2, "1", "task", "first");
    const b = stepStarted(2, "1", "task", "second");
    const s = applyEvents(initialLiveState("thr_1"), [started(1), a, b, a]);
    expect(sequences(s)).toEqual([1, 2]);
    expect(messageSequences(s)).toEqual([1, 2]);
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
    expect(messageSequences(s)).toEqual([1]);
    expect(s.fold.unknownEvents).toBe(1);
  });

  it("keeps yields as timeline rows only, appended in place, and counts late ones without a re-fold", () => {
    const s1 = applyEvents(initialLiveState("thr_1"), [started(1), stepStarted(2, "2"), yielded(3, 0, { n: 0 })]);
    const s2 = applyEvents(s1, [yielded(4, 1, { n: 1 }), yielded(6, 3, { n: 3 })]);
    expect(sameStorage(s1.timeline, s2.timeline)).toBe(true);
    expect(s2.events).toBe(s1.events);
    expect(s2.fold.yieldCount).toBe(3);
    expect(s2.missingSequences).toBe(1);
    const s3 = applyEvents(s2, [yielded(5, 2, { n: 2 })]);
    expect(sequences(s3)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rowAt(s3.timeline, 4)).toMatchObject({ sequence: 5, kind: EventKind.ValueYielded, number: 2, detail: '{"n":2}' });
    expect(s3.fold.yieldCount).toBe(4);
    expect(s3.missingSequences).toBe(0);
    expect(s3.events).toBe(s1.events);
    expect(s3.fold.currentStep).toBe(s1.fold.currentStep);
    // The older states still read their own rows.
    expect(sequences(s1)).toEqual([1, 2, 3]);
  });

  it("drops a late event repeated within its batch, and merges late events of one batch in place", () => {
    const s = applyEvents(initialLiveState("thr_1"), [started(1), stepStarted(6, "2"), yielded(4, 1, 1), yielded(3, 0, 0), yielded(4, 1, 1), stepStarted(2, "1")]);
    expect(sequences(s)).toEqual([1, 2, 3, 4, 6]);
    expect(messageSequences(s)).toEqual([1, 2, 6]);
    expect(s.droppedDuplicates).toBe(1);
    expect(s.fold.yieldCount).toBe(2);
    expect(s.fold.currentStep?.path).toBe("2");
    expect(s.missingSequences).toBe(1);
  });

  it("counts yields across an out-of-order step event that forces a re-fold", () => {
    const s1 = applyEvents(initialLiveState("thr_1"), [started(1), stepStarted(2, "1"), stepStarted(4, "2"), yielded(5, 0, 1)]);
    const s2 = applyEvents(s1, [stepCompleted(3, "1"), yielded(6, 1, 2)]);
    expect(sequences(s2)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(messageSequences(s2)).toEqual([1, 2, 3, 4]);
    expect(s2.fold.completedSteps).toBe(1);
    expect(s2.fold.yieldCount).toBe(2);
    expect(s2.fold.currentStep?.path).toBe("2");
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
