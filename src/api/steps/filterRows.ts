// The tree filter: a text (path, name, primitive or tool, case-insensitive) and a set of statuses.
// Matching rows are kept with all their ancestors, so a match is always shown in context.
import type { StepStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { markContaining } from "./stringColumn";
import type { StepTree } from "./stepTree";

export interface StepFilter {
  text: string;
  /** Empty = any status. */
  statuses: ReadonlySet<StepStatus>;
}

export const NO_FILTER: StepFilter = { text: "", statuses: new Set() };

export function isFilterActive(filter: StepFilter): boolean {
  return filter.text.trim() !== "" || filter.statuses.size > 0;
}

export interface FilterResult {
  /** 1 = show (a match or an ancestor of one). */
  keep: Uint8Array;
  matches: number;
}

/** Lower-cased column texts are made once per tree and reused by every keystroke. */
const lowerCache = new WeakMap<object, string>();
function lowerOf(col: { text: string }): string {
  let v = lowerCache.get(col);
  if (v === undefined) {
    v = col.text.toLowerCase();
    lowerCache.set(col, v);
  }
  return v;
}

export function filterRows(tree: StepTree, filter: StepFilter): FilterResult | null {
  if (!isFilterActive(filter)) return null;
  const n = tree.count;
  const needle = filter.text.trim().toLowerCase();
  const { src } = tree;
  let match: Uint8Array;
  if (needle === "") {
    match = new Uint8Array(tree.cols.count).fill(1);
  } else {
    match = new Uint8Array(tree.cols.count);
    const { cols } = tree;
    for (const col of [cols.path, cols.name, cols.primitive, cols.tool]) {
      markContaining(col, lowerOf(col), needle, match);
    }
  }
  const keep = new Uint8Array(n);
  let matches = 0;
  for (let r = 0; r < n; r++) {
    const c = src[r] as number;
    if (match[c] !== 1) continue;
    if (filter.statuses.size > 0 && !filter.statuses.has(tree.cols.status[c] as StepStatus)) {
      continue;
    }
    matches++;
    let a = r;
    while (a >= 0 && keep[a] !== 1) {
      keep[a] = 1;
      a = tree.parent[a] as number;
    }
  }
  return { keep, matches };
}
