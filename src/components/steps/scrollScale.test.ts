import { describe, expect, it } from "vitest";
import { MAX_SCROLL_PX, rowRange, scrollScale, scrollTopFor } from "./scrollScale";

describe("scrollScale", () => {
  it("leaves small lists alone", () => {
    expect(scrollScale(1000, 28, 600)).toEqual({ realHeight: 28000, factor: 1 });
  });
  it("caps a million rows below the browsers' height limit and maps the whole range", () => {
    const s = scrollScale(1_000_000, 28, 600);
    expect(s.realHeight).toBe(MAX_SCROLL_PX);
    // The bottom of the real range is the bottom of the virtual list.
    expect((s.realHeight - 600) * s.factor + 600).toBeCloseTo(28_000_000, 0);
  });
  it("finds the scrollTop that brings a row into view", () => {
    expect(scrollTopFor(10, 28, 280, 0, 1)).toBe(28); // below: align its bottom
    expect(scrollTopFor(0, 28, 280, 100, 1)).toBe(0); // above: align its top
    expect(scrollTopFor(2, 28, 280, 0, 1)).toBeNull();
    const s = scrollScale(1_000_000, 28, 600);
    const top = scrollTopFor(999_999, 28, 600, 0, s.factor) as number;
    expect(top).toBeLessThanOrEqual(s.realHeight - 600 + 1e-6);
  });
});

describe("rowRange", () => {
  it("is empty without rows", () => {
    expect(rowRange(0, 600, 28, 0, 4)).toEqual({ start: 0, end: 0 });
  });
  it("covers the viewport plus the overscan on each side", () => {
    // Rows 10..31 intersect [280, 880); 4 more on each side.
    expect(rowRange(280, 600, 28, 1000, 4)).toEqual({ start: 6, end: 36 });
    expect(rowRange(0, 600, 28, 1000, 4)).toEqual({ start: 0, end: 26 });
  });
  it("stops at the last row, and an offset past the end (a list that shrank) shows its end", () => {
    expect(rowRange(0, 600, 28, 5, 4)).toEqual({ start: 0, end: 5 });
    // 100 rows are 2800 px: the furthest offset is 2200, whatever the stale offset says.
    expect(rowRange(50_000, 600, 28, 100, 0)).toEqual({ start: 78, end: 100 });
  });
  it("finds the last rows of a million at the bottom of the scaled range", () => {
    const s = scrollScale(1_000_000, 28, 600);
    const offset = (s.realHeight - 600) * s.factor;
    expect(rowRange(offset, 600, 28, 1_000_000, 4).end).toBe(1_000_000);
  });
});
