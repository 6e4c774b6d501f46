import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./backoff";

describe("backoffDelayMs", () => {
  it("doubles from 0.5 s and stops at 30 s (no jitter at random = 0.5)", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffDelayMs(n, 0.5))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it("jitters by ±20 % and never goes past the cap", () => {
    expect(backoffDelayMs(1, 0)).toBe(400);
    expect(backoffDelayMs(1, 0.999999)).toBe(600);
    expect(backoffDelayMs(7, 0.999999)).toBe(30000);
    expect(backoffDelayMs(6, 0)).toBe(12800);
  });

  it("treats attempt 0 or less like the first attempt", () => {
    expect(backoffDelayMs(0, 0.5)).toBe(500);
  });
});
