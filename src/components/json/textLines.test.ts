import { describe, expect, it } from "vitest";
import { findLine, indexLines, lineText } from "./textLines";

describe("indexLines", () => {
  it("splits lines and wraps long ones", () => {
    const parts = ["ab\ncdefg", "h\n"];
    const idx = indexLines(parts, 3);
    const lines = Array.from({ length: idx.count }, (_, i) => lineText(parts, idx, i));
    expect(lines).toEqual(["ab", "cde", "fg", "h", ""]);
  });
  it("finds lines containing a text, case-insensitively, wrapping around", () => {
    const parts = ["one\ntwo\nThree"];
    const idx = indexLines(parts);
    expect(findLine(parts, idx, "three", 0)).toBe(2);
    expect(findLine(parts, idx, "o", 1)).toBe(1);
    expect(findLine(parts, idx, "o", 2)).toBe(0);
    expect(findLine(parts, idx, "zzz", 0)).toBe(-1);
  });
});
