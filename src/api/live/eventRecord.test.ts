import { describe, expect, it } from "vitest";
import { cancelled, completed, ev, failed, paused, started, stepCompleted, stepFailed, stepStarted, yielded } from "./testEvents";
import { EventKind, keepsMessage, toEventRecord, yieldText } from "./eventRecord";

describe("toEventRecord", () => {
  it("decodes every event kind into a kind, a step path and one line of text", () => {
    expect(toEventRecord(started(1, 7))).toEqual({ kind: EventKind.ThreadStarted, stepPath: "", number: 0, detail: "7 steps" });
    expect(toEventRecord(stepStarted(2, "3", "ask", "approve-amount"))).toEqual({
      kind: EventKind.StepStarted,
      stepPath: "3",
      number: 0,
      detail: "approve-amount (ask)",
    });
    expect(toEventRecord(stepCompleted(3, "1"))).toMatchObject({ kind: EventKind.StepCompleted, detail: "10 ms" });
    expect(toEventRecord(stepFailed(4, "1.2.0", "timeout", true))).toMatchObject({ kind: EventKind.StepFailed, stepPath: "1.2.0", detail: "(recoverable) timeout" });
    expect(toEventRecord(yielded(5, 2, { n: 1 }))).toEqual({ kind: EventKind.ValueYielded, stepPath: "2", number: 2, detail: '{"n":1}' });
    expect(toEventRecord(paused(6))).toMatchObject({ kind: EventKind.ThreadPaused, stepPath: "3", detail: "waiting at approve-amount" });
    expect(toEventRecord(completed(7))).toMatchObject({ kind: EventKind.ThreadCompleted, detail: "output 3 bytes" });
    expect(toEventRecord(failed(8, "bad"))).toMatchObject({ kind: EventKind.ThreadFailed, stepPath: "1.2.0", detail: "bad" });
    expect(toEventRecord(cancelled(9))).toMatchObject({ kind: EventKind.ThreadCancelled, detail: "by user" });
    expect(toEventRecord(ev(10, { case: undefined }))).toMatchObject({ kind: EventKind.Unknown });
  });

  it("keeps markup in yielded values as plain text and truncates long values", () => {
    expect(yieldText(new TextEncoder().encode('"<img src=x onerror=alert(1)>"'))).toBe('"<img src=x onerror=alert(1)>"');
    const long = yieldText(new TextEncoder().encode(JSON.stringify("x".repeat(5000))));
    expect(long.length).toBe(300);
    expect(long.endsWith("…")).toBe(true);
    expect(toEventRecord(stepFailed(1, "1", "e".repeat(1000))).detail.length).toBe(300);
  });

  it("keeps the messages of thread and step events only", () => {
    const kept = Object.values(EventKind).filter((k): k is EventKind => typeof k === "number" && keepsMessage(k));
    expect(kept).not.toContain(EventKind.ValueYielded);
    expect(kept).not.toContain(EventKind.Unknown);
    expect(kept).toHaveLength(8);
  });
});
