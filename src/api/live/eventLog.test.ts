import { describe, expect, it } from "vitest";
import { appendEvent, emptyEventLog, indexesOfKind, indexOfSequence, insertEvents, KEPT_YIELD_TEXTS, rowAt, sameStorage, sequenceAt, type EventLog } from "./eventLog";
import { EventKind, type EventRecord } from "./eventRecord";

const step = (path: string, detail = `step ${path}`): EventRecord => ({ kind: EventKind.StepStarted, stepPath: path, number: 0, detail });
const value = (index: number): EventRecord => ({ kind: EventKind.ValueYielded, stepPath: "2", number: index, detail: `{"i":${index}}` });
const sequences = (log: EventLog) => Array.from({ length: log.count }, (_, i) => sequenceAt(log, i));

function appendAll(log: EventLog, from: number, to: number, record: (s: number) => EventRecord): EventLog {
  for (let s = from; s <= to; s++) log = appendEvent(log, s, 1_000 * s, record(s));
  return log;
}

describe("eventLog", () => {
  it("appends rows in place, sharing the storage, and reads them back", () => {
    const a = appendEvent(emptyEventLog(), 1, 1000, step("1"));
    const b = appendEvent(a, 2, 2000, value(0));
    expect(sameStorage(a, b)).toBe(true);
    expect(a.count).toBe(1);
    expect(rowAt(b, 1)).toEqual({ sequence: 2, atMs: 2000, kind: EventKind.ValueYielded, number: 0, stepPath: "2", detail: '{"i":0}' });
    expect(rowAt(a, 0)).toEqual({ sequence: 1, atMs: 1000, kind: EventKind.StepStarted, number: 0, stepPath: "1", detail: "step 1" });
  });

  it("grows past its initial capacity", () => {
    const log = appendAll(emptyEventLog(), 1, 1000, (s) => step(String(s)));
    expect(sequences(log)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(rowAt(log, 999).stepPath).toBe("1000");
  });

  it("copies when appending to an older view, which keeps its own rows", () => {
    const a = appendEvent(emptyEventLog(), 1, 1000, step("1"));
    const b = appendEvent(a, 2, 2000, step("2"));
    const c = appendEvent(a, 3, 3000, step("3"));
    expect(sameStorage(b, c)).toBe(false);
    expect(sequences(b)).toEqual([1, 2]);
    expect(sequences(c)).toEqual([1, 3]);
  });

  it("finds sequences and inserts a late one in its place, in new storage", () => {
    const log = appendAll(emptyEventLog(), 1, 3, (s) => step(String(s)));
    const gap = appendEvent(log, 6, 6000, step("6"));
    expect(indexOfSequence(gap, 3)).toBe(2);
    expect(indexOfSequence(gap, 5)).toBe(-4);
    const late = insertEvents(gap, [{ sequence: 5, atMs: 5000, record: value(7) }]);
    expect(sameStorage(late, gap)).toBe(false);
    expect(sequences(late)).toEqual([1, 2, 3, 5, 6]);
    expect(sequences(gap)).toEqual([1, 2, 3, 6]);
    expect(rowAt(late, 3)).toMatchObject({ kind: EventKind.ValueYielded, number: 7 });
    expect(rowAt(late, 4)).toMatchObject({ sequence: 6, stepPath: "6", detail: "step 6" });
    expect(sequences(appendEvent(late, 7, 7000, step("7")))).toEqual([1, 2, 3, 5, 6, 7]);
    expect(insertEvents(gap, [])).toBe(gap);
  });

  it("merges many late rows, in any order, before, between and after the log's rows, in one copy", () => {
    const log = appendAll(emptyEventLog(), 10, 12, (s) => step(String(s)));
    const late = [15, 1, 11.5, 13, 2].map((s) => ({ sequence: s, atMs: s, record: value(s) }));
    const merged = insertEvents(log, late);
    expect(sequences(merged)).toEqual([1, 2, 10, 11, 11.5, 12, 13, 15]);
    expect(rowAt(merged, 2)).toMatchObject({ sequence: 10, kind: EventKind.StepStarted, detail: "step 10" });
    expect(rowAt(merged, 7)).toMatchObject({ sequence: 15, kind: EventKind.ValueYielded, number: 15 });
  });

  it(`releases the text of yields more than ${KEPT_YIELD_TEXTS} rows from the end, and only of yields`, () => {
    let log = appendEvent(emptyEventLog(), 1, 1000, step("1", "the first step"));
    log = appendAll(log, 2, KEPT_YIELD_TEXTS + 11, (s) => value(s));
    expect(log.count).toBe(KEPT_YIELD_TEXTS + 11);
    expect(rowAt(log, 0).detail).toBe("the first step");
    expect(rowAt(log, 1).detail).toBeUndefined();
    expect(rowAt(log, 10).detail).toBeUndefined();
    expect(rowAt(log, 11).detail).toBe(`{"i":12}`);
    expect(rowAt(log, log.count - 1).detail).toBe(`{"i":${KEPT_YIELD_TEXTS + 11}}`);
    // Every sequence is still there.
    expect(sequences(log)).toEqual(Array.from({ length: log.count }, (_, i) => i + 1));
    expect(indexesOfKind(log, EventKind.ValueYielded)).toHaveLength(KEPT_YIELD_TEXTS + 10);
  });

  it("keeps one string per distinct step path", () => {
    const log = appendAll(emptyEventLog(), 1, 3, () => step(["x", "y"].join("")));
    expect(rowAt(log, 0).stepPath).toBe("xy");
    expect(Object.is(rowAt(log, 0).stepPath, rowAt(log, 2).stepPath)).toBe(true);
  });
});
