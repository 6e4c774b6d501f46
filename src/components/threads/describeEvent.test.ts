import { describe, expect, it } from "vitest";
import { appendEvent, emptyEventLog, insertEvents, type EventLog } from "../../api/live/eventLog";
import { EventKind } from "../../api/live/eventRecord";
import { describeEvent, notKeptDetail } from "./describeEvent";
import { incrementalLogRanges, sequenceRanges } from "./sequenceRanges";

describe("describeEvent", () => {
  it("labels every kind and shows the decoded text", () => {
    const labels = Object.values(EventKind)
      .filter((k): k is EventKind => typeof k === "number")
      .map((kind) => describeEvent({ kind, number: 4, detail: "d" }).label);
    expect(labels).toEqual([
      "Unknown event",
      "Thread started",
      "Thread completed",
      "Thread failed",
      "Thread cancelled",
      "Thread paused",
      "Step started",
      "Step completed",
      "Step failed",
      "Yield #4",
    ]);
    expect(describeEvent({ kind: EventKind.StepFailed, number: 0, detail: "boom" })).toEqual({ label: "Step failed", tone: "danger", detail: "boom", detailNotKept: false });
  });

  it("says when a yield's value is no longer kept", () => {
    expect(describeEvent({ kind: EventKind.ValueYielded, number: 9, detail: undefined })).toEqual({
      label: "Yield #9",
      tone: "neutral",
      detail: notKeptDetail,
      detailNotKept: true,
    });
  });
});

describe("sequenceRanges", () => {
  it("compresses runs and shows gaps", () => {
    expect(sequenceRanges([1n, 2n, 3n, 5n, 7n, 8n])).toBe("1-3,5,7-8");
    expect(sequenceRanges([])).toBe("");
    expect(sequenceRanges([4])).toBe("4");
  });
});

describe("incrementalLogRanges", () => {
  const record = { kind: EventKind.StepStarted, stepPath: "1", number: 0, detail: "" };
  const append = (log: EventLog, ...sequences: number[]) => sequences.reduce((l, s) => appendEvent(l, s, 0, record), log);

  it("matches sequenceRanges as the log grows, and recovers from a log that is not an extension", () => {
    const ranges = incrementalLogRanges();
    const a = append(emptyEventLog(), 1, 2);
    expect(ranges(emptyEventLog())).toBe("");
    expect(ranges(a)).toBe("1-2");
    const b = append(a, 3, 5);
    expect(ranges(b)).toBe("1-3,5");
    const c = append(b, 7, 8);
    expect(ranges(c)).toBe(sequenceRanges([1, 2, 3, 5, 7, 8]));
    // A late event: new storage, read whole.
    const d = insertEvents(c, [{ sequence: 6, atMs: 0, record }]);
    expect(ranges(d)).toBe("1-3,5-8");
    // An older view of the same storage, then a different log.
    expect(ranges(a)).toBe("1-2");
    expect(ranges(append(emptyEventLog(), 4, 5))).toBe("4-5");
    expect(ranges(emptyEventLog())).toBe("");
  });
});
