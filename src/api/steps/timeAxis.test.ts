import { describe, expect, it } from "vitest";
import { MIN_BAR_WIDTH, placeBar } from "./timeAxis";

describe("placeBar", () => {
  it("places a finished step proportionally on the axis", () => {
    expect(placeBar(1250, 1500, 1000, 2000, 9999)).toEqual({ left: 0.25, width: 0.25, open: false });
  });
  it("runs an unfinished step to now, extending the axis", () => {
    const p = placeBar(1500, 0, 1000, 2000, 3000);
    expect(p?.open).toBe(true);
    expect(p?.left).toBeCloseTo(0.25);
    expect(p?.width).toBeCloseTo(0.75);
  });
  it("gives instant steps a visible width and keeps them inside the axis", () => {
    const p = placeBar(2000, 2000, 1000, 2000, 0);
    expect(p?.width).toBe(MIN_BAR_WIDTH);
    expect((p?.left ?? 0) + (p?.width ?? 0)).toBeLessThanOrEqual(1);
  });
  it("draws nothing for a step that has not started", () => {
    expect(placeBar(0, 0, 1000, 2000, 3000)).toBeNull();
  });
});
