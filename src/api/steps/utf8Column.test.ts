import { describe, expect, it } from "vitest";
import { columnGet, stringColumnFrom } from "./stringColumn";
import { Utf8ColumnBuilder } from "./utf8Column";

function columnOf(values: string[]) {
  const b = new Utf8ColumnBuilder();
  const enc = new TextEncoder();
  for (const v of values) {
    const bytes = enc.encode(v);
    b.add(bytes, 0, bytes.length);
  }
  return b.column();
}

describe("Utf8ColumnBuilder", () => {
  it("gives the same column as stringColumnFrom, for ASCII and for multi-byte text", () => {
    for (const values of [["1", "1.2", "", "work-7"], ["é", "", "😀 x", "plain", "ü".repeat(5000)], ["a\u0000b", "\u0000"]]) {
      const got = columnOf(values);
      expect(got).toEqual(stringColumnFrom(values));
      values.forEach((v, i) => expect(columnGet(got, i)).toBe(v.replaceAll("\u0000", "")));
    }
  });

  it("is an empty column with no entries, and decodes invalid bytes to U+FFFD within their entry", () => {
    expect(new Utf8ColumnBuilder().column()).toEqual(stringColumnFrom([]));
    const b = new Utf8ColumnBuilder();
    const bad = new Uint8Array([0x61, 0xe2, 0x82]); // "a" and a cut 3-byte sequence
    b.add(bad, 0, bad.length);
    b.add(bad, 0, 1);
    const col = b.column();
    expect(columnGet(col, 0)).toBe("a\uFFFD");
    expect(columnGet(col, 1)).toBe("a");
  });

  it("keeps taken columns unchanged while it grows", () => {
    const b = new Utf8ColumnBuilder();
    const bytes = new TextEncoder().encode("step");
    b.add(bytes, 0, bytes.length);
    const first = b.column();
    for (let i = 0; i < 5000; i++) b.add(bytes, 0, bytes.length);
    expect(first).toEqual(stringColumnFrom(["step"]));
    expect(b.column().offsets.length).toBe(5002);
  });
});
