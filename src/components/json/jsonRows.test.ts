import { describe, expect, it } from "vitest";
import { initialExpanded, jsonRows, PAGE } from "./jsonRows";

describe("jsonRows", () => {
  const value = { name: "ann", tags: ["a", "b"], nested: { deep: { x: 1 } } };
  it("shows only expanded containers", () => {
    const rows = jsonRows(value, new Set(["$"]));
    expect(rows.map((r) => (r.kind === "node" ? `${r.label}:${r.preview}` : "more"))).toEqual([
      "null:{ 3 keys }",
      'name:"ann"',
      "tags:[ 2 items ]",
      "nested:{ 1 key }",
    ]);
    const open = jsonRows(value, new Set(["$", '$."tags"']));
    expect(open.map((r) => r.path)).toContain('$."tags"[1]');
  });
  it("pages big containers and offers more", () => {
    const big = Array.from({ length: PAGE + 10 }, (_, i) => i);
    const rows = jsonRows(big, new Set(["$"]));
    expect(rows).toHaveLength(PAGE + 2);
    expect(rows[rows.length - 1]).toMatchObject({ kind: "more", shown: PAGE, size: PAGE + 10 });
    expect(jsonRows(big, new Set(["$"]), new Map([["$", PAGE * 2]]))).toHaveLength(PAGE + 11);
  });
  it("opens the root and small children at first", () => {
    expect([...initialExpanded(value)].sort()).toEqual(["$", '$."nested"', '$."tags"']);
  });
  it("shows scalars as JSON text, shortened", () => {
    const rows = jsonRows("x".repeat(1000), new Set(["$"]));
    expect(rows[0]?.kind === "node" && rows[0].preview.length).toBeLessThan(400);
  });
});
