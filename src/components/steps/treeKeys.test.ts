import { describe, expect, it } from "vitest";
import { findRow, pathAt } from "../../api/steps/stepTree";
import { treeOf } from "../../api/steps/testTree";
import { visibleRows } from "../../api/steps/visibleRows";
import { treeKeyAction, typeaheadMatch } from "./treeKeys";

const tree = treeOf("1", "1.1", "1.2", "2", "2.1", "3");
const open = new Set(["1"]);
const rows = visibleRows(tree, {
  expansion: { defaultDepth: 0, expandFailures: false, overrides: new Map([["1", true]]) },
  hideSuccessful: false,
  keep: null,
  pinnedRow: -1,
}).rows; // 1, 1.1, 1.2, 2, 3
const ctx = (current: number) => ({ tree, rows, current, isExpanded: (r: number) => open.has(pathAt(tree, r)), pageSize: 2 });
const none = { ctrl: false, meta: false, alt: false };
const at = (a: ReturnType<typeof treeKeyAction>) => (a.kind === "move" ? pathAt(tree, rows[a.index] as number) : a.kind);

describe("treeKeyAction", () => {
  it("moves with arrows, Home, End and pages, within bounds", () => {
    expect(at(treeKeyAction("ArrowDown", none, ctx(0)))).toBe("1.1");
    expect(at(treeKeyAction("ArrowUp", none, ctx(0)))).toBe("1");
    expect(at(treeKeyAction("End", none, ctx(0)))).toBe("3");
    expect(at(treeKeyAction("Home", none, ctx(4)))).toBe("1");
    expect(at(treeKeyAction("PageDown", none, ctx(0)))).toBe("1.2");
    expect(at(treeKeyAction("ArrowDown", none, ctx(-1)))).toBe("1");
  });
  it("expands, enters, collapses and climbs with right and left", () => {
    expect(treeKeyAction("ArrowRight", none, ctx(3))).toEqual({ kind: "expand", row: findRow(tree, "2") });
    expect(at(treeKeyAction("ArrowRight", none, ctx(0)))).toBe("1.1");
    expect(treeKeyAction("ArrowLeft", none, ctx(0))).toEqual({ kind: "collapse", row: 0 });
    expect(at(treeKeyAction("ArrowLeft", none, ctx(2)))).toBe("1");
    expect(treeKeyAction("ArrowRight", none, ctx(4)).kind).toBe("none");
  });
  it("activates with Enter and sends letters to type-ahead", () => {
    expect(treeKeyAction("Enter", none, ctx(1))).toEqual({ kind: "activate", row: 1 });
    expect(treeKeyAction("s", none, ctx(1))).toEqual({ kind: "typeahead", char: "s" });
    expect(treeKeyAction("s", { ...none, ctrl: true }, ctx(1)).kind).toBe("none");
  });
});

describe("typeaheadMatch", () => {
  it("finds the next row by name or path, wrapping around", () => {
    // Names are "step <path>".
    expect(typeaheadMatch(tree, rows, 0, "step 2")).toBe(3);
    expect(typeaheadMatch(tree, rows, 3, "s")).toBe(4);
    expect(typeaheadMatch(tree, rows, 4, "s")).toBe(0);
    expect(typeaheadMatch(tree, rows, 0, "1.2")).toBe(2);
    expect(typeaheadMatch(tree, rows, 0, "zzz")).toBe(-1);
  });
});
