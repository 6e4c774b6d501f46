import { describe, expect, it } from "vitest";
import { cancelled, completed, ev, failed, paused, started, stepCompleted, stepFailed, stepStarted, yielded } from "../../api/live/testEvents";
import { describeEvent, yieldText } from "./describeEvent";
import { incrementalSequenceRanges, sequenceRanges } from "./sequenceRanges";

describe("describeEvent", () => {
  it("describes every event kind", () => {
    expect(describeEvent(started(1, 7))).toMatchObject({ label: "Thread started", detail: "7 steps" });
    expect(describeEvent(stepStarted(2, "3", "ask", "approve-amount"))).toMatchObject({ label: "Step started", stepPath: "3", detail: "approve-amount (ask)" });
    expect(describeEvent(stepCompleted(3, "1"))).toMatchObject({ label: "Step completed", detail: "10 ms" });
    expect(describeEvent(stepFailed(4, "1.2.0", "timeout", true))).toMatchObject({ tone: "danger", detail: "(recoverable) timeout" });
    expect(describeEvent(yielded(5, 2, { n: 1 }))).toMatchObject({ label: "Yield #2", isYield: true, detail: '{"n":1}' });
    expect(describeEvent(paused(6))).toMatchObject({ label: "Thread paused", detail: "waiting at approve-amount" });
    expect(describeEvent(completed(7)).label).toBe("Thread completed");
    expect(describeEvent(failed(8, "bad")).detail).toBe("bad");
    expect(describeEvent(cancelled(9)).detail).toBe("by user");
    expect(describeEvent(ev(10, { case: undefined })).label).toBe("Unknown event");
  });

  it("keeps markup in yielded values as plain text and truncates long values", () => {
    expect(yieldText(new TextEncoder().encode('"<img src=x onerror=alert(1)>"'))).toBe('"<img src=x onerror=alert(1)>"');
    const long = yieldText(new TextEncoder().encode(JSON.stringify("x".repeat(5000))));
    expect(long.length).toBe(300);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("sequenceRanges", () => {
  it("compresses runs and shows gaps", () => {
    expect(sequenceRanges([1n, 2n, 3n, 5n, 7n, 8n])).toBe("1-3,5,7-8");
    expect(sequenceRanges([])).toBe("");
    expect(sequenceRanges([4])).toBe("4");
  });
});

describe("incrementalSequenceRanges", () => {
  it("matches sequenceRanges as the list grows, and recovers from a list that is not an extension", () => {
    const ranges = incrementalSequenceRanges((n: { s: number }) => n.s);
    const items = [1, 2, 3, 5, 7, 8].map((s) => ({ s }));
    expect(ranges([])).toBe("");
    expect(ranges(items.slice(0, 2))).toBe("1-2");
    expect(ranges(items.slice(0, 4))).toBe("1-3,5");
    expect(ranges(items)).toBe(sequenceRanges([1, 2, 3, 5, 7, 8]));
    expect(ranges([...items, { s: 9 }, { s: 11 }])).toBe("1-3,5,7-9,11");
    expect(ranges([{ s: 4 }, { s: 5 }])).toBe("4-5");
    expect(ranges([])).toBe("");
  });
});
