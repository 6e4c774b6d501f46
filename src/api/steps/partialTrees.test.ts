import { describe, expect, it } from "vitest";
import { FIRST_PARTIAL_REMAINING, FIRST_PARTIAL_STEPS, PARTIAL_EVERY_MS, partialDue } from "./partialTrees";

const big = 10 * FIRST_PARTIAL_REMAINING;

describe("partialDue", () => {
  it("posts the first partial tree once the top of a big meta is decoded", () => {
    expect(partialDue({ decodedSteps: FIRST_PARTIAL_STEPS - 1, decodedBytes: 1000, totalBytes: big }, 0, undefined)).toBe(false);
    expect(partialDue({ decodedSteps: FIRST_PARTIAL_STEPS, decodedBytes: 1000, totalBytes: big }, 0, undefined)).toBe(true);
  });

  it("does not for a meta that is nearly decoded, or done", () => {
    const total = FIRST_PARTIAL_REMAINING + 1000;
    expect(partialDue({ decodedSteps: 5000, decodedBytes: 2000, totalBytes: total }, 0, undefined)).toBe(false);
    expect(partialDue({ decodedSteps: 5000, decodedBytes: big, totalBytes: big }, 0, undefined)).toBe(false);
  });

  it("then at most every PARTIAL_EVERY_MS, and only in the first half", () => {
    const early = { decodedSteps: 50_000, decodedBytes: big / 4, totalBytes: big };
    expect(partialDue(early, 1000 + PARTIAL_EVERY_MS - 1, 1000)).toBe(false);
    expect(partialDue(early, 1000 + PARTIAL_EVERY_MS, 1000)).toBe(true);
    expect(partialDue({ ...early, decodedBytes: big / 2 }, 1000 + PARTIAL_EVERY_MS, 1000)).toBe(false);
  });
});
