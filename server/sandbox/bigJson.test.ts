// The block-and-patch generator of bigJson.ts against the plain string definition of the same
// document (below: how the bytes were built before, row by row as strings). Any range of any
// size must give exactly those bytes, since a thread's output must not change between versions.
import { describe, expect, it } from "vitest";
import { bigJsonLayout, bigJsonSource, chunksOf, FILLER_BYTES, fillerOffset, fillerPattern, normalizeGenSpec, seedHashOf } from "./bigJson.js";
import type { GenSpec } from "./model.js";
import { hash32, prng } from "./random.js";

/** The document as one string, built the straightforward way. */
function referenceText(spec: GenSpec): string {
  const layout = bigJsonLayout(spec);
  const seedHash = seedHashOf(spec);
  const pattern = fillerPattern(seedHash);
  const rows: string[] = [];
  for (let i = 0; i < layout.rows; i++) {
    const h = (hash32(String(i)) ^ seedHash) >>> 0;
    const off = fillerOffset(i);
    rows.push(`{"i":"${String(i).padStart(10, "0")}","h":"${h.toString(16).padStart(8, "0")}","v":"${pattern.slice(off, off + FILLER_BYTES)}"}`);
  }
  return `${layout.header}${rows.join(",")}${layout.footerStart}${"x".repeat(layout.pad)}"}`;
}

describe("bigJsonSource", () => {
  it("matches the string definition, whole and in any range, across the 4096-row block boundary", () => {
    const rand = prng(7);
    for (const bytes of [10, 300, 4096, 100_000, 1_300_000, 2_500_000]) {
      const spec = normalizeGenSpec({ seed: `thr_${bytes}`, bytes, label: "big-export" });
      const expected = Buffer.from(referenceText(spec), "latin1");
      const src = bigJsonSource(spec);
      expect(src.size).toBe(expected.length);
      expect(Buffer.from(src.read(0, src.size)).equals(expected)).toBe(true);
      for (let k = 0; k < 200; k++) {
        const a = Math.floor(rand() * src.size);
        const b = Math.min(src.size, a + Math.floor(rand() * (k % 2 === 0 ? 600 : 3_000_000)));
        const got = Buffer.from(src.read(a, b));
        if (!got.equals(expected.subarray(a, b))) throw new Error(`bytes ${a}..${b} of ${bytes} differ`);
      }
    }
  });

  it("is valid JSON whose rows carry their index, and chunks of any size concatenate to the whole", () => {
    const spec = normalizeGenSpec({ seed: "thr_rows", bytes: 1_200_000, label: "big-export" });
    const src = bigJsonSource(spec);
    const whole = Buffer.from(src.read(0, src.size));
    const doc = JSON.parse(whole.toString("latin1")) as { rows: { i: string }[] };
    expect(doc.rows.length).toBe(bigJsonLayout(spec).rows);
    expect(doc.rows[4097]?.i).toBe("0000004097");
    for (const max of [1, 257, 65_536, 2 * 1024 * 1024]) {
      if (max === 1) {
        // One byte at a time over a row and its neighbours (the slow path for cut rows).
        const bytes = [...chunksOf({ size: 800, read: (s, e) => src.read(5000 + s, 5000 + e) }, max)];
        expect(Buffer.concat(bytes).equals(whole.subarray(5000, 5800))).toBe(true);
        continue;
      }
      expect(Buffer.concat([...chunksOf(src, max)]).equals(whole)).toBe(true);
    }
  });

  it("clamps ranges to the document and differs by seed", () => {
    const spec = normalizeGenSpec({ seed: "thr_a", bytes: 5000, label: "x" });
    const src = bigJsonSource(spec);
    expect(src.read(-10, 3).length).toBe(3);
    expect(src.read(4990, 9999).length).toBe(10);
    expect(src.read(6000, 7000).length).toBe(0);
    const other = bigJsonSource(normalizeGenSpec({ seed: "thr_b", bytes: 5000, label: "x" }));
    expect(Buffer.from(src.read(0, 5000)).equals(Buffer.from(other.read(0, 5000)))).toBe(false);
  });
});
