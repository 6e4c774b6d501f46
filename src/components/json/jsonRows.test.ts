import { describe, expect, it } from "vitest";
import { initialExpanded, isLong, jsonRows, PAGE, textColumns, type JsonRow } from "./jsonRows";
import { wrapColumns } from "./useWrapColumns";

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

describe("long scalars in full", () => {
  const long = `START${"L".repeat(20_000)}END`;
  const value = { groups: 16, label: long };
  const textOf = (rows: JsonRow[]) => rows.filter((r) => r.kind === "text").map((r) => (r.kind === "text" ? r.text : ""));

  it("a value too long for its row offers show all; a short one does not", () => {
    const rows = jsonRows(value, new Set(["$"]));
    const label = rows.find((r) => r.path === '$."label"');
    const groups = rows.find((r) => r.path === '$."groups"');
    expect(label).toMatchObject({ kind: "node", chars: long.length + 2 });
    expect(label !== undefined && isLong(label, 80)).toBe(true);
    expect(groups !== undefined && isLong(groups, 80)).toBe(false);
    expect(textOf(rows)).toEqual([]);
  });

  it("shown in full, every character is in the text rows, none wider than the view", () => {
    const columns = 57;
    const rows = jsonRows(value, new Set(["$"]), new Map(), 500_000, { columns, full: new Set(['$."label"']) });
    const text = textOf(rows);
    expect(text.join("")).toBe(JSON.stringify(long));
    const width = textColumns(columns, 2);
    expect(Math.max(...text.map((t) => t.length))).toBe(width);
    expect(text.length).toBe(Math.ceil((long.length + 2) / width));
    // The rows sit right under their value, one level deeper.
    const at = rows.findIndex((r) => r.path === '$."label"');
    expect(rows[at + 1]).toMatchObject({ kind: "text", index: 0, depth: 2 });
  });

  it("never cuts a surrogate pair in two", () => {
    const emoji = "😀".repeat(100);
    const rows = jsonRows(emoji, new Set(["$"]), new Map(), 500_000, { columns: 21, full: new Set(["$"]) });
    const text = textOf(rows);
    expect(text.join("")).toBe(JSON.stringify(emoji));
    for (const t of text) expect(t).not.toMatch(/[\ud800-\udbff]$|^[\udc00-\udfff]/);
  });

  it("columns come from the view's width and the font's character width", () => {
    expect(wrapColumns(0, 7.8, 120)).toBe(120);
    expect(wrapColumns(844, 8, 120)).toBe(99);
    expect(wrapColumns(100, 8, 120)).toBe(16);
  });
});
