// What a key does in the step tree (WAI-ARIA tree pattern), decided from the visible rows alone.
import { columnGet } from "../../api/steps/stringColumn";
import { hasChildren, type StepTree } from "../../api/steps/stepTree";
import { visibleIndexOf } from "../../api/steps/visibleRows";

export type TreeKeyAction =
  | { kind: "move"; index: number }
  | { kind: "expand"; row: number }
  | { kind: "collapse"; row: number }
  | { kind: "activate"; row: number }
  | { kind: "typeahead"; char: string }
  | { kind: "none" };

export interface TreeKeyContext {
  tree: StepTree;
  rows: Int32Array;
  /** Visible index of the selected row; -1 when none. */
  current: number;
  isExpanded: (row: number) => boolean;
  pageSize: number;
}

export function treeKeyAction(
  key: string,
  mods: { ctrl: boolean; meta: boolean; alt: boolean },
  ctx: TreeKeyContext,
): TreeKeyAction {
  const { rows, current, tree } = ctx;
  const last = rows.length - 1;
  if (last < 0) return { kind: "none" };
  const row = current >= 0 ? (rows[current] as number) : -1;
  const clamp = (i: number) => Math.max(0, Math.min(last, i));
  switch (key) {
    case "ArrowDown":
      return { kind: "move", index: current < 0 ? 0 : clamp(current + 1) };
    case "ArrowUp":
      return { kind: "move", index: current < 0 ? 0 : clamp(current - 1) };
    case "Home":
      return { kind: "move", index: 0 };
    case "End":
      return { kind: "move", index: last };
    case "PageDown":
      return { kind: "move", index: clamp((current < 0 ? 0 : current) + ctx.pageSize) };
    case "PageUp":
      return { kind: "move", index: clamp((current < 0 ? 0 : current) - ctx.pageSize) };
    case "ArrowRight":
      if (row < 0) return { kind: "move", index: 0 };
      if (!hasChildren(tree, row)) return { kind: "none" };
      if (!ctx.isExpanded(row)) return { kind: "expand", row };
      return current < last && (rows[current + 1] as number) === row + 1 ? { kind: "move", index: current + 1 } : { kind: "none" };
    case "ArrowLeft": {
      if (row < 0) return { kind: "move", index: 0 };
      if (hasChildren(tree, row) && ctx.isExpanded(row)) return { kind: "collapse", row };
      const parent = tree.parent[row] ?? -1;
      if (parent < 0) return { kind: "none" };
      const pi = visibleIndexOf(rows, parent);
      return pi >= 0 ? { kind: "move", index: pi } : { kind: "none" };
    }
    case "Enter":
    case " ":
      return row >= 0 ? { kind: "activate", row } : { kind: "none" };
    default:
      if (key.length === 1 && !mods.ctrl && !mods.meta && !mods.alt && key.trim() !== "") {
        return { kind: "typeahead", char: key };
      }
      return { kind: "none" };
  }
}

/**
 * The next visible row (after `from`, wrapping) whose name, or else path, starts with prefix,
 * case-insensitively; -1 when none does. A repeated single letter cycles through matches.
 */
export function typeaheadMatch(tree: StepTree, rows: Int32Array, from: number, prefix: string): number {
  const p = prefix.toLowerCase();
  const n = rows.length;
  if (n === 0 || p === "") return -1;
  // Typing more letters refines the current match; a first letter moves on from it.
  const start = prefix.length > 1 ? Math.max(0, from) : from + 1;
  for (let k = 0; k < n; k++) {
    const i = (((start + k) % n) + n) % n;
    const c = tree.src[rows[i] as number] as number;
    if (columnGet(tree.cols.name, c).toLowerCase().startsWith(p) || columnGet(tree.cols.path, c).startsWith(p)) {
      return i;
    }
  }
  return -1;
}
