import { describe, expect, it } from "vitest";
import { MAX_SCROLL_PX, scrollScale, scrollTopFor } from "./scrollScale";

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
