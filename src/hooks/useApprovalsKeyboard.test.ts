import { describe, expect, it } from "vitest";
import { nextIndex } from "./useApprovalsKeyboard";

describe("nextIndex", () => {
  it("starts at an end and stops at the ends", () => {
    expect(nextIndex(-1, 3, 1)).toBe(0);
    expect(nextIndex(-1, 3, -1)).toBe(2);
    expect(nextIndex(0, 3, 1)).toBe(1);
    expect(nextIndex(2, 3, 1)).toBe(2);
    expect(nextIndex(0, 3, -1)).toBe(0);
  });
});
