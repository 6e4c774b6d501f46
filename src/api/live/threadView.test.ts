import { describe, expect, it } from "vitest";
import { ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { applyEvents, applySnapshot, initialLiveState } from "./threadEventsReducer";
import { deriveThreadView, effectiveStatus } from "./threadView";
import { completed, invoiceRunToAsk, paused, started, stepCompleted, stepStarted, thread } from "./testEvents";

const pausedAtAsk = () =>
  thread(ThreadStatus.PAUSED, { currentStepPath: "3", currentStepName: "approve-amount", totalSteps: 6 });

describe("deriveThreadView", () => {
  it("keeps a paused snapshot paused while the replay (without ThreadPaused) arrives", () => {
    const s0 = applySnapshot(initialLiveState("thr_1"), pausedAtAsk());
    const run = invoiceRunToAsk();
    // Part of the replay, then all of it: neither moves past the ask.
    const s1 = applyEvents(s0, run.slice(0, 4));
    expect(effectiveStatus(s1)).toBe(ThreadStatus.PAUSED);
    const s2 = applyEvents(s1, run.slice(4));
    const view = deriveThreadView(s2);
    expect(view.status).toBe(ThreadStatus.PAUSED);
    expect(view.waitingFor).toEqual({ stepPath: "3", stepName: "approve-amount" });
    expect(view.openAsk).toBeUndefined();
  });

  it("turns running again when step events follow the ask (resumed)", () => {
    const s = applyEvents(applySnapshot(initialLiveState("thr_1"), pausedAtAsk()), [
      ...invoiceRunToAsk(),
      stepCompleted(12, "3"),
      stepStarted(13, "4"),
    ]);
    const view = deriveThreadView(s);
    expect(view.status).toBe(ThreadStatus.RUNNING);
    expect(view.waitingFor).toBeUndefined();
    expect(view.currentStepPath).toBe("4");
  });

  it("reports an open ask for a running thread so the engine checks for a pause", () => {
    const s = applyEvents(applySnapshot(initialLiveState("thr_1"), thread(ThreadStatus.RUNNING)), invoiceRunToAsk());
    expect(deriveThreadView(s).openAsk?.path).toBe("3");
  });

  it("uses ThreadPaused directly, until a newer running snapshot", () => {
    const s1 = applyEvents(initialLiveState("thr_1"), [...invoiceRunToAsk(), paused(12)]);
    expect(effectiveStatus(s1)).toBe(ThreadStatus.PAUSED);
    expect(deriveThreadView(s1).waitingFor?.stepPath).toBe("3");
    const s2 = applySnapshot(s1, thread(ThreadStatus.RUNNING));
    expect(effectiveStatus(s2)).toBe(ThreadStatus.RUNNING);
  });

  it("treats a terminal status from either side as final", () => {
    const running = applyEvents(initialLiveState("thr_1"), [started(1)]);
    expect(effectiveStatus(applySnapshot(running, thread(ThreadStatus.FAILED, { error: "x" })))).toBe(
      ThreadStatus.FAILED,
    );
    const done = applyEvents(applySnapshot(initialLiveState("thr_1"), thread(ThreadStatus.RUNNING)), [
      started(1, 2),
      completed(2),
    ]);
    const view = deriveThreadView(done);
    expect(view.status).toBe(ThreadStatus.COMPLETED);
    expect(view.completedSteps).toBe(2);
    expect(view.finishedAtMs).toBeGreaterThan(0);
  });

  it("falls back to the snapshot before any event, and to unknown before anything", () => {
    expect(effectiveStatus(initialLiveState("thr_1"))).toBe(ThreadStatus.UNSPECIFIED);
    const s = applySnapshot(initialLiveState("thr_1"), thread(ThreadStatus.PENDING));
    expect(effectiveStatus(s)).toBe(ThreadStatus.PENDING);
  });

  it("prefers the fresher of snapshot and events for the current step", () => {
    const s1 = applySnapshot(
      applyEvents(initialLiveState("thr_1"), [started(1), stepStarted(2, "1")]),
      thread(ThreadStatus.RUNNING, { currentStepPath: "1.1", currentStepName: "inner" }),
    );
    expect(deriveThreadView(s1).currentStepPath).toBe("1.1");
    const s2 = applyEvents(s1, [stepStarted(3, "2")]);
    expect(deriveThreadView(s2).currentStepPath).toBe("2");
  });
});
