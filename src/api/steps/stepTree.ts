// The step tree in flat arrays, rows in pre-order (which is also the numeric path order, see
// stepPath.ts). A subtree is the contiguous range [row, subtreeEnd[row]), so collapsing, hiding and
// "is this row under that one" are index arithmetic, with no object per node. Step values stay in
// their columns (in arrival order); src maps a row to its column index.
import { StepStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { columnGet } from "./stringColumn";
import { appendColumns, columnsFromRecords, type StepColumns, type StepRecord } from "./stepColumns";
import { comparePaths } from "./stepPath";

export const FLAG_OK_SUBTREE = 1; // this step and every step under it completed
export const FLAG_FAILED_BELOW = 2; // this step or a step under it failed
export const FLAG_LEAF_FAILURE = 4; // failed, and nothing under it failed: a root cause
export const FLAG_SYNTHETIC = 8; // not reported by the service: an ancestor made up for structure

export interface StepTree {
  readonly count: number;
  /** Step values by column index (arrival order, made-up ancestors appended). */
  readonly cols: StepColumns;
  /** Column index of each row. */
  readonly src: Int32Array;
  /** Row of each column index; -1 for a record replaced by a later one with the same path. */
  readonly rowOf: Int32Array;
  /** Row of the parent; -1 for a top-level step. */
  readonly parent: Int32Array;
  readonly depth: Uint16Array;
  /** One past the last row of this row's subtree. */
  readonly subtreeEnd: Int32Array;
  /** 1-based position among siblings, and the number of siblings (aria-posinset, aria-setsize). */
  readonly posInSet: Int32Array;
  readonly setSize: Int32Array;
  readonly flags: Uint8Array;
  /** Rows of root-cause failures, in tree order. */
  readonly leafFailures: Int32Array;
  /** Earliest start and latest end of any step, ms; 0 when no step has a time. */
  readonly timeStart: number;
  readonly timeEnd: number;
}

/**
 * Builds the tree from columns in any order. Duplicate paths keep the last record; missing
 * ancestors (a "1.5.3" whose "1.5" was not reported) are made up so every step has its parent.
 * sortedPrefix: column indices already in path order (the previous tree's src), so that only the
 * rows added since are sorted, then merged.
 */
export function buildStepTree(input: StepColumns, sortedPrefix?: Int32Array): StepTree {
  const n = input.count;
  const paths = new Array<string>(n);
  for (let i = 0; i < n; i++) paths[i] = columnGet(input.path, i);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = pathKey(paths[i] as string);
  const byPath = (x: number, y: number): number => {
    const kx = keys[x] as number;
    const ky = keys[y] as number;
    if (kx === kx && ky === ky && kx !== ky) return kx < ky ? -1 : 1;
    return comparePaths(paths[x] as string, paths[y] as string) || x - y;
  };
  const order = sortedOrder(n, byPath, sortedPrefix);
  // One linear pass with a stack of ancestors: parents, depths, made-up ancestors, duplicates.
  const rows = new RowBuffer(n);
  const synthetic: string[] = [];
  const stackRow: number[] = [];
  const stackPath: string[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const p = paths[i] as string;
    const nextSrc = order[k + 1];
    if (nextSrc !== undefined && paths[nextSrc] === p) continue; // a later record wins
    while (stackPath.length > 0 && !isProperPrefix(stackPath[stackPath.length - 1] as string, p)) {
      stackPath.pop();
      stackRow.pop();
    }
    const top = stackPath.length > 0 ? (stackPath[stackPath.length - 1] as string) : "";
    // Ancestors between the stack's top and p that nobody reported.
    let from = top === "" ? 0 : top.length + 1;
    for (;;) {
      const dot = p.indexOf(".", from);
      if (dot === -1 || dot === 0) break;
      const anc = p.slice(0, dot);
      const row = rows.push(n + synthetic.length, stackRow[stackRow.length - 1] ?? -1, stackRow.length);
      synthetic.push(anc);
      stackRow.push(row);
      stackPath.push(anc);
      from = dot + 1;
    }
    stackRow.push(rows.push(i, stackRow[stackRow.length - 1] ?? -1, stackRow.length));
    stackPath.push(p);
  }
  const cols =
    synthetic.length > 0
      ? appendColumns(input, columnsFromRecords(synthetic.map(syntheticRecord), 1))
      : input;
  const count = rows.length;
  const src = rows.src.slice(0, count);
  const parent = rows.parent.slice(0, count);
  const depth = rows.depth.slice(0, count);
  const rowOf = new Int32Array(cols.count).fill(-1);
  for (let r = 0; r < count; r++) rowOf[src[r] as number] = r;
  const size = new Int32Array(count).fill(1);
  for (let r = count - 1; r >= 0; r--) {
    const pr = parent[r] as number;
    if (pr >= 0) size[pr] = (size[pr] as number) + (size[r] as number);
  }
  const subtreeEnd = new Int32Array(count);
  for (let r = 0; r < count; r++) subtreeEnd[r] = r + (size[r] as number);
  const posInSet = new Int32Array(count);
  const setSize = new Int32Array(count);
  const children = new Int32Array(count + 1); // index count = the invisible root
  for (let r = 0; r < count; r++) {
    const p = parent[r] as number;
    const k = p < 0 ? count : p;
    children[k] = (children[k] as number) + 1;
    posInSet[r] = children[k] as number;
  }
  for (let r = 0; r < count; r++) {
    const p = parent[r] as number;
    setSize[r] = children[p < 0 ? count : p] as number;
  }
  return withFlags({ cols, src, rowOf, parent, depth, subtreeEnd, posInSet, setSize });
}

type Structure = Pick<
  StepTree,
  "cols" | "src" | "rowOf" | "parent" | "depth" | "subtreeEnd" | "posInSet" | "setSize"
>;

/** Recomputes what depends on statuses and times (after a live update), keeping the structure. */
export function withFlags(s: Structure): StepTree {
  const { cols, src, parent } = s;
  const count = src.length;
  const flags = new Uint8Array(count);
  const okAcc = new Uint8Array(count).fill(1);
  const failedAcc = new Uint8Array(count);
  let timeStart = 0;
  let timeEnd = 0;
  for (let r = count - 1; r >= 0; r--) {
    const c = src[r] as number;
    const status = cols.status[c] as StepStatus;
    const isFailed = status === StepStatus.FAILED;
    const made = cols.origin[c] === 1;
    let f = made ? FLAG_SYNTHETIC : 0;
    const selfOk = status === StepStatus.COMPLETED || (made && (s.subtreeEnd[r] as number) > r + 1);
    if (okAcc[r] === 1 && selfOk) f |= FLAG_OK_SUBTREE;
    if (isFailed && failedAcc[r] === 0) f |= FLAG_LEAF_FAILURE;
    if (isFailed || failedAcc[r] === 1) f |= FLAG_FAILED_BELOW;
    flags[r] = f;
    const p = parent[r] as number;
    if (p >= 0) {
      if ((f & FLAG_OK_SUBTREE) === 0) okAcc[p] = 0;
      if ((f & FLAG_FAILED_BELOW) !== 0) failedAcc[p] = 1;
    }
    const start = cols.startedAt[c] as number;
    const end = Math.max(cols.finishedAt[c] as number, start);
    if (start > 0 && (timeStart === 0 || start < timeStart)) timeStart = start;
    if (end > timeEnd) timeEnd = end;
  }
  const leaf: number[] = [];
  for (let r = 0; r < count; r++) if (((flags[r] as number) & FLAG_LEAF_FAILURE) !== 0) leaf.push(r);
  const { rowOf, depth, subtreeEnd, posInSet, setSize } = s;
  const leafFailures = Int32Array.from(leaf);
  return { cols, src, rowOf, parent, depth, subtreeEnd, posInSet, setSize, count, flags, leafFailures, timeStart, timeEnd };
}

/** Growable typed arrays for the rows of a build. */
class RowBuffer {
  src: Int32Array;
  parent: Int32Array;
  depth: Uint16Array;
  length = 0;
  constructor(capacity: number) {
    const c = Math.max(16, capacity + (capacity >> 3));
    this.src = new Int32Array(c);
    this.parent = new Int32Array(c);
    this.depth = new Uint16Array(c);
  }
  push(src: number, parent: number, depth: number): number {
    if (this.length === this.src.length) {
      const grow = <T extends Int32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a as never);
        return b;
      };
      this.src = grow(this.src, (k) => new Int32Array(k));
      this.parent = grow(this.parent, (k) => new Int32Array(k));
      this.depth = grow(this.depth, (k) => new Uint16Array(k));
    }
    const row = this.length++;
    this.src[row] = src;
    this.parent[row] = parent;
    this.depth[row] = Math.min(depth, 65535);
    return row;
  }
}

const SEG_LIMIT = 131071; // 17 bits per segment: three segments fit a double exactly

/**
 * A number that orders paths like comparePaths by their first three numeric segments (a missing
 * segment first), or NaN when a segment is not a plain number; ties go to comparePaths.
 */
export function pathKey(p: string): number {
  let key = 0;
  let seg = 0;
  let digits = 0;
  let segs = 0;
  for (let i = 0; i <= p.length; i++) {
    const c = i < p.length ? p.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || seg >= SEG_LIMIT) return Number.NaN;
      if (segs < 3) key = key * 131072 + seg + 1;
      segs++;
      seg = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && seg === 0) return Number.NaN; // a leading zero: let comparePaths decide
      seg = seg * 10 + (c - 48);
      digits++;
      if (seg >= SEG_LIMIT) return Number.NaN;
    } else {
      return Number.NaN;
    }
  }
  for (let k = segs; k < 3; k++) key *= 131072;
  return key;
}

function sortedOrder(
  n: number,
  byPath: (x: number, y: number) => number,
  sortedPrefix: Int32Array | undefined,
): Int32Array {
  const covered = new Uint8Array(n);
  let prefix = new Int32Array(0);
  if (sortedPrefix !== undefined) {
    const kept: number[] = [];
    for (const i of sortedPrefix) {
      if (i < n && covered[i] === 0) {
        covered[i] = 1;
        kept.push(i);
      }
    }
    prefix = Int32Array.from(kept);
  }
  const rest: number[] = [];
  for (let i = 0; i < n; i++) if (covered[i] === 0) rest.push(i);
  const tail = Int32Array.from(rest);
  if (!isSorted(tail, byPath)) tail.sort(byPath);
  if (prefix.length === 0) return tail;
  if (!isSorted(prefix, byPath)) prefix.sort(byPath);
  if (tail.length === 0) return prefix;
  const out = new Int32Array(prefix.length + tail.length);
  let a = 0;
  let b = 0;
  for (let k = 0; k < out.length; k++) {
    if (b >= tail.length || (a < prefix.length && byPath(prefix[a] as number, tail[b] as number) <= 0)) {
      out[k] = prefix[a++] as number;
    } else {
      out[k] = tail[b++] as number;
    }
  }
  return out;
}

function isSorted(a: Int32Array, cmp: (x: number, y: number) => number): boolean {
  for (let k = 1; k < a.length; k++) if (cmp(a[k - 1] as number, a[k] as number) > 0) return false;
  return true;
}

function isProperPrefix(anc: string, p: string): boolean {
  return p.length > anc.length && p.charCodeAt(anc.length) === 46 && p.startsWith(anc);
}

function syntheticRecord(path: string): StepRecord {
  return {
    path,
    name: "",
    primitive: "",
    tool: "",
    error: "",
    status: StepStatus.UNSPECIFIED,
    attempt: 0,
    startedAtMs: 0,
    finishedAtMs: 0,
    durationMs: 0,
  };
}

export const EMPTY_TREE: StepTree = buildStepTree(columnsFromRecords([]));

/** The row of a path, or -1: a binary search, since rows are in path order. */
export function findRow(tree: StepTree, path: string): number {
  let lo = 0;
  let hi = tree.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = comparePaths(pathAt(tree, mid), path);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function pathAt(tree: StepTree, row: number): string {
  return columnGet(tree.cols.path, tree.src[row] ?? -1);
}

export function statusAt(tree: StepTree, row: number): StepStatus {
  return (tree.cols.status[tree.src[row] ?? -1] ?? 0) as StepStatus;
}

export function hasChildren(tree: StepTree, row: number): boolean {
  return (tree.subtreeEnd[row] ?? 0) > row + 1;
}

export function isAncestorOrSelf(tree: StepTree, ancestor: number, row: number): boolean {
  return ancestor <= row && row < (tree.subtreeEnd[ancestor] ?? 0);
}

/** Rows from the top-level ancestor down to the row's parent. */
export function ancestorRows(tree: StepTree, row: number): number[] {
  const out: number[] = [];
  let p = tree.parent[row] ?? -1;
  while (p >= 0) {
    out.push(p);
    p = tree.parent[p] ?? -1;
  }
  return out.reverse();
}
