import { describe, expect, it } from "vitest";
import { bigJsonSource, chunksOf, normalizeGenSpec } from "./bigJson.js";
import type { EnumDefPlain, FieldDef } from "./contractTypes.js";
import { newThreadId } from "./ids.js";
import { decodePageToken, encodePageToken, nextPageToken, clampPageSize } from "./pageToken.js";
import { clampChunkBytes } from "./results.js";
import { ancestorsOf, fanoutTree, indexOf, isGroup, lastDescendant, pathOf } from "./scripts/fanoutTree.js";
import { compareStepPaths } from "./stepPath.js";
import { validateObject } from "./validate.js";

describe("step paths", () => {
  it("sort numerically, parents first", () => {
    expect(["1.10", "2", "1.9", "1", "1.2.0", "10", "1.2"].sort(compareStepPaths)).toEqual(["1", "1.2", "1.2.0", "1.9", "1.10", "2", "10"]);
  });
});

describe("fanout tree", () => {
  it("has exactly N nodes, unique paths in pre-order, and index ⇄ path round-trips", () => {
    for (const [n, depth] of [[1, 1], [7, 1], [120, 2], [1000, 3], [5000, 4]] as const) {
      const tree = fanoutTree(n, depth);
      const paths = Array.from({ length: n }, (_, i) => pathOf(tree, i));
      expect(new Set(paths).size).toBe(n);
      expect([...paths].sort(compareStepPaths)).toEqual(paths);
      paths.forEach((p, i) => expect(indexOf(tree, p)).toBe(i));
      expect(Math.max(...paths.map((p) => p.split(".").length))).toBeLessThanOrEqual(depth);
      for (let i = 0; i < n; i += Math.ceil(n / 50)) {
        for (const a of ancestorsOf(tree, i)) expect(paths[i]!.startsWith(paths[a]! + ".")).toBe(true);
        expect(lastDescendant(tree, i) >= i).toBe(true);
      }
    }
    const t = fanoutTree(120, 2);
    expect(t.branching).toBe(11);
    expect(pathOf(t, 0)).toBe("1");
    expect(pathOf(t, 1)).toBe("1.0");
    expect(isGroup(t, 0)).toBe(true);
    expect(indexOf(t, "99")).toBeUndefined();
    expect(indexOf(t, "1.11")).toBeUndefined();
  });

  it("handles a million steps arithmetically", () => {
    const t = fanoutTree(1_000_000, 3);
    expect(t.branching).toBe(100);
    const last = pathOf(t, 999_999);
    expect(indexOf(t, last)).toBe(999_999);
  });
});

describe("big JSON", () => {
  it("is valid JSON of exactly the requested size, and any slice equals the same bytes of the whole", () => {
    for (const bytes of [10, 300, 4096, 100_000, 333_333]) {
      const spec = normalizeGenSpec({ seed: "thr_x", bytes, label: "big-export" });
      const src = bigJsonSource(spec);
      const whole = Buffer.from(src.read(0, src.size));
      expect(whole.length).toBe(spec.bytes);
      if (bytes >= 100) expect(spec.bytes).toBe(bytes);
      expect(() => JSON.parse(whole.toString())).not.toThrow();
      expect(Buffer.concat([...chunksOf(src, 777)].map((c) => Buffer.from(c))).equals(whole)).toBe(true);
      expect(Buffer.from(bigJsonSource(spec).read(123, 9999)).equals(whole.subarray(123, 9999))).toBe(true);
    }
    const a = bigJsonSource(normalizeGenSpec({ seed: "thr_a", bytes: 5000, label: "x" }));
    const b = bigJsonSource(normalizeGenSpec({ seed: "thr_b", bytes: 5000, label: "x" }));
    expect(Buffer.from(a.read(0, 5000)).equals(Buffer.from(b.read(0, 5000)))).toBe(false);
  });
});

describe("validation", () => {
  const enums: EnumDefPlain[] = [{ name: "currency", values: ["USD", "EUR", "GBP"] }];
  const fields: FieldDef[] = [
    { name: "n", type: { kind: "integer" }, required: true, description: "" },
    { name: "x", type: { kind: "number" }, required: false, description: "" },
    { name: "c", type: { kind: "enum", enumName: "currency" }, required: false, description: "" },
    { name: "tags", type: { kind: "list", element: { kind: "string" } }, required: false, description: "" },
    { name: "o", type: { kind: "object", fields: [{ name: "k", type: { kind: "boolean" }, required: true, description: "" }] }, required: false, description: "" },
    { name: "any", type: { kind: "json" }, required: false, description: "" },
  ];
  it("names each bad field with plain words", () => {
    const v = validateObject({ n: 1.5, x: "1", c: "JPY", tags: ["a", 2], o: {}, any: [null], extra: 1 }, fields, enums, { rejectUnknown: true });
    expect(v).toEqual([
      { field: "n", description: "must be a whole number" },
      { field: "x", description: "must be a number" },
      { field: "c", description: "must be one of USD, EUR, GBP" },
      { field: "tags[1]", description: "must be a string, not a number" },
      { field: "o.k", description: "is required" },
      { field: "extra", description: "is not a known field" },
    ]);
    expect(validateObject({ n: 2, c: "EUR", tags: [], o: { k: false } }, fields, enums, { rejectUnknown: true })).toEqual([]);
    expect(validateObject({}, fields, enums, { rejectUnknown: true })).toEqual([{ field: "n", description: "is required" }]);
  });
});

describe("paging", () => {
  it("round-trips opaque keyset tokens and rejects garbage", () => {
    const token = encodePageToken({ createdAtMs: 123, threadId: "thr_x" });
    expect(decodePageToken(token)).toEqual({ createdAtMs: 123, threadId: "thr_x" });
    expect(decodePageToken("nope")).toBeUndefined();
    expect([clampPageSize(0), clampPageSize(5), clampPageSize(5000)]).toEqual([50, 5, 1000]);
  });
  it("emulates the repeating token only on the last page of a filtered query in today fidelity", () => {
    const base = { hasMore: false, lastKey: { createdAtMs: 1, threadId: "t" }, requestToken: "tok" };
    expect(nextPageToken({ ...base, filtered: true, fidelity: "today" })).toBe("tok");
    expect(nextPageToken({ ...base, filtered: false, fidelity: "today" })).toBe("");
    expect(nextPageToken({ ...base, filtered: true, fidelity: "complete" })).toBe("");
    expect(decodePageToken(nextPageToken({ ...base, hasMore: true, filtered: true, fidelity: "today" }))).toEqual(base.lastKey);
  });
  it("clamps chunk sizes to 64 KiB..16 MiB with a 2 MiB default", () => {
    expect([clampChunkBytes(0n), clampChunkBytes(1n), clampChunkBytes(1n << 40n)]).toEqual([2 << 20, 64 << 10, 16 << 20]);
  });
});

describe("thread ids", () => {
  it("are thr_ + time-sortable base32", () => {
    const a = newThreadId(1_000);
    const b = newThreadId(2_000);
    expect(a).toMatch(/^thr_[0-9a-z]{20}$/);
    expect(a < b).toBe(true);
  });
});
