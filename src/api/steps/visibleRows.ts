// Which rows the tree shows, in order: collapsed subtrees are skipped in one jump, successful
// branches can be hidden, and a filter keeps its matches with their ancestors (expanded).
import { FLAG_FAILED_BELOW, FLAG_OK_SUBTREE, findRow, type StepTree } from "./stepTree";

export interface ExpansionRule {
  /** Rows shallower than this are expanded unless overridden; 1 = top level open. */
  defaultDepth: number;
  /** Subtrees that contain a failure start expanded. */
  expandFailures: boolean;
  /** User toggles by path, which win over the rule. */
  overrides: ReadonlyMap<string, boolean>;
}

export interface VisibilityOptions {
  expansion: ExpansionRule;
  hideSuccessful: boolean;
  /** From filterRows: 1 = keep (a match or an ancestor of one); null = no filter. */
  keep: Uint8Array | null;
  /** This row and its ancestors are always shown (the selection, a deep link). */
  pinnedRow: number;
}

export interface VisibleRows {
  rows: Int32Array;
  /** Successful steps left out by "hide successful branches" (whole subtrees counted). */
  hiddenSuccessful: number;
}

/** Overrides resolved to rows once, so the walk does no string work. */
export function resolveOverrides(
  tree: StepTree,
  overrides: ReadonlyMap<string, boolean>,
): Map<number, boolean> {
  const out = new Map<number, boolean>();
  for (const [path, open] of overrides) {
    const row = findRow(tree, path);
    if (row >= 0) out.set(row, open);
  }
  return out;
}

export function isExpandedRow(
  tree: StepTree,
  row: number,
  rule: ExpansionRule,
  resolved: ReadonlyMap<number, boolean>,
): boolean {
  const o = resolved.get(row);
  if (o !== undefined) return o;
  if ((tree.depth[row] ?? 0) < rule.defaultDepth) return true;
  return rule.expandFailures && ((tree.flags[row] ?? 0) & FLAG_FAILED_BELOW) !== 0;
}

export function visibleRows(tree: StepTree, options: VisibilityOptions): VisibleRows {
  const resolved = resolveOverrides(tree, options.expansion.overrides);
  const out = new Int32Array(tree.count);
  const pinned = options.pinnedRow;
  const { keep } = options;
  let n = 0;
  let hiddenSuccessful = 0;
  let row = 0;
  while (row < tree.count) {
    const end = tree.subtreeEnd[row] as number;
    const holdsPin = pinned >= row && pinned < end;
    if (keep !== null && keep[row] !== 1 && !holdsPin) {
      row = end;
      continue;
    }
    if (
      options.hideSuccessful &&
      !holdsPin &&
      ((tree.flags[row] as number) & FLAG_OK_SUBTREE) !== 0
    ) {
      hiddenSuccessful += end - row;
      row = end;
      continue;
    }
    out[n++] = row;
    // A leaf's next row is its end whether it is open or not: no expansion lookup (most rows of a
    // big tree are leaves, and the lookup was half of a million-row walk).
    if (end === row + 1) {
      row = end;
      continue;
    }
    const open =
      holdsPin && pinned !== row
        ? true
        : keep !== null
          ? (resolved.get(row) ?? true)
          : isExpandedRow(tree, row, options.expansion, resolved);
    row = open ? row + 1 : end;
  }
  return { rows: out.slice(0, n), hiddenSuccessful };
}

/** Position of a row in the visible list, or -1 (binary search: rows are ascending). */
export function visibleIndexOf(rows: Int32Array, row: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = rows[mid] as number;
    if (v === row) return mid;
    if (v < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
