import { describe, expect, it } from "vitest";
import { deepEqual, diffJson } from "./jsonDiff";

describe("diffJson", () => {
  it("reports nothing for equal values", () => {
    const d = diffJson({ a: [1, { b: "x" }] }, { a: [1, { b: "x" }] });
    expect(d.changes).toBe(0);
    expect(d.rows.every((r) => r.kind === "same")).toBe(true);
  });
  it("names changed, added and removed leaves by path", () => {
    const d = diffJson(
      { user: { name: "ann", age: 3 }, tags: ["a", "b"], gone: true },
      { user: { name: "bob", age: 3 }, tags: ["a"], "new key": null },
    );
    const changed = d.rows.filter((r) => r.kind !== "same").map((r) => [r.path, r.kind, r.left, r.right]);
    expect(changed).toEqual([
      ["$.user.name", "changed", '"ann"', '"bob"'],
      ["$.tags[1]", "removed", '"b"', undefined],
      ["$.gone", "removed", "true", undefined],
      ['$["new key"]', "added", undefined, "null"],
    ]);
    expect(d.changes).toBe(4);
  });
  it("treats a change of type as one changed value", () => {
    const d = diffJson({ a: { x: 1 } }, { a: [1] });
    expect(d.rows).toEqual([{ path: "$.a", kind: "changed", left: '{"x":1}', right: "[1]" }]);
  });
  it("compares top-level scalars and non-JSON text", () => {
    expect(diffJson("a", "b").rows[0]).toMatchObject({ path: "$", kind: "changed" });
    expect(diffJson(1, 1).changes).toBe(0);
  });
  it("caps the rows and says so", () => {
    const big = Array.from({ length: 100 }, (_, i) => i);
    const d = diffJson(big, big.map((i) => i + 1), { maxRows: 10 });
    expect(d.rows).toHaveLength(10);
    expect(d.truncated).toBe(true);
  });
  it("shortens long values", () => {
    const d = diffJson("x".repeat(500), "y", { maxValueChars: 20 });
    expect(d.rows[0]?.left).toHaveLength(20);
  });
});

describe("deepEqual", () => {
  it("compares structurally", () => {
    expect(deepEqual({ a: [1, 2] }, { a: [1, 2] })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
  });
});
