import { describe, expect, it } from "vitest";
import { StepStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { filterRows } from "./filterRows";
import { findRow, pathAt } from "./stepTree";
import { treeOf } from "./testTree";
import { visibleIndexOf, visibleRows, type ExpansionRule } from "./visibleRows";

const tree = treeOf("1:fail", "1.1:ok", "1.1.1:ok", "1.2:fail", "1.2.1:fail", "2:ok", "2.1:ok", "3:run", "3.1:run");
const rule = (defaultDepth: number, overrides: [string, boolean][] = []): ExpansionRule => ({
  defaultDepth,
  expandFailures: false,
  overrides: new Map(overrides),
});
const show = (o: Partial<Parameters<typeof visibleRows>[1]> = {}) =>
  Array.from(
    visibleRows(tree, { expansion: rule(0), hideSuccessful: false, keep: null, pinnedRow: -1, ...o }).rows,
  ).map((r) => pathAt(tree, r));

describe("visibleRows", () => {
  it("shows top level only when everything is collapsed", () => {
    expect(show()).toEqual(["1", "2", "3"]);
  });
  it("expands by depth and by user toggles", () => {
    expect(show({ expansion: rule(1) })).toEqual(["1", "1.1", "1.2", "2", "2.1", "3", "3.1"]);
    expect(show({ expansion: rule(1, [["1", false], ["1.2", true]]) })).toEqual(["1", "2", "2.1", "3", "3.1"]);
    expect(show({ expansion: rule(0, [["1", true], ["1.2", true]]) })).toEqual(["1", "1.1", "1.2", "1.2.1", "2", "3"]);
  });
  it("expands failing subtrees when asked", () => {
    expect(show({ expansion: { ...rule(0), expandFailures: true } })).toEqual(["1", "1.1", "1.2", "1.2.1", "2", "3"]);
  });
  it("hides successful branches and counts what it hid", () => {
    const v = visibleRows(tree, { expansion: rule(9), hideSuccessful: true, keep: null, pinnedRow: -1 });
    expect(Array.from(v.rows).map((r) => pathAt(tree, r))).toEqual(["1", "1.2", "1.2.1", "3", "3.1"]);
    expect(v.hiddenSuccessful).toBe(4);
  });
  it("always shows the pinned row and opens its ancestors", () => {
    const pinned = findRow(tree, "1.1.1");
    expect(show({ hideSuccessful: true, pinnedRow: pinned })).toEqual(["1", "1.1", "1.1.1", "1.2", "3"]);
  });
  it("keeps filter matches with their ancestors, expanded", () => {
    const f = filterRows(tree, { text: "", statuses: new Set([StepStatus.RUNNING]) });
    expect(f?.matches).toBe(2);
    expect(show({ keep: f?.keep ?? null })).toEqual(["3", "3.1"]);
    const byText = filterRows(tree, { text: "STEP 1.2.1", statuses: new Set() });
    expect(show({ keep: byText?.keep ?? null })).toEqual(["1", "1.2", "1.2.1"]);
  });
  it("finds a row's visible position", () => {
    const rows = visibleRows(tree, { expansion: rule(9), hideSuccessful: false, keep: null, pinnedRow: -1 }).rows;
    expect(visibleIndexOf(rows, findRow(tree, "2.1"))).toBe(6);
    expect(visibleIndexOf(rows.slice(0, 3), findRow(tree, "2.1"))).toBe(-1);
  });
});
