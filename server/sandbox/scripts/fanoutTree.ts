// The fanout tree, computed, never stored: the first N nodes, in pre-order, of a full tree of
// `depth` levels whose branching b is the smallest with b + b² + … + b^depth ≥ N. Top-level
// paths are 1-based ("1", "2", …), deeper segments 0-based ("1.0", "1.0.3"), as in the other
// scripts. Pre-order index ⇄ path is arithmetic, so 1,000,000 steps cost nothing until read.

export interface FanoutTree {
  n: number;
  depth: number;
  branching: number;
  /** sizes[l] = size of a full subtree rooted at level l+1 (sizes[depth-1] = 1). */
  sizes: number[];
}

export function defaultDepth(n: number): number {
  if (n <= 10) return 1;
  if (n <= 1000) return 2;
  return 3;
}

export function fanoutTree(n: number, depth: number): FanoutTree {
  let b = 1;
  if (depth <= 1) b = n;
  else {
    const total = (x: number) => {
      let sum = 0;
      let p = 1;
      for (let l = 1; l <= depth; l++) {
        p *= x;
        sum += p;
      }
      return sum;
    };
    while (total(b) < n) b++;
  }
  const sizes: number[] = [];
  for (let l = 0; l < depth; l++) {
    let s = 0;
    let p = 1;
    for (let j = 0; j <= depth - 1 - l; j++) {
      s += p;
      p *= b;
    }
    sizes.push(s);
  }
  return { n, depth: Math.max(1, depth), branching: b, sizes };
}

function sizeAt(tree: FanoutTree, level: number): number {
  return tree.sizes[level] ?? 1;
}

/** Positions (0-based at every level) of the node at a pre-order index. */
export function positionsOf(tree: FanoutTree, index: number): number[] {
  const out: number[] = [];
  let r = index;
  for (let level = 0; level < tree.depth; level++) {
    const s = sizeAt(tree, level);
    const p = Math.floor(r / s);
    out.push(p);
    r -= p * s;
    if (r === 0) break;
    r -= 1;
  }
  return out;
}

export function pathOf(tree: FanoutTree, index: number): string {
  return positionsOf(tree, index)
    .map((p, i) => (i === 0 ? p + 1 : p))
    .join(".");
}

/** The pre-order index of a path, or undefined when the tree has no such step. */
export function indexOf(tree: FanoutTree, path: string): number | undefined {
  if (!/^\d+(\.\d+)*$/.test(path)) return undefined;
  const segs = path.split(".").map(Number);
  if (segs.length > tree.depth) return undefined;
  let index = segs.length - 1;
  for (let i = 0; i < segs.length; i++) {
    const p = i === 0 ? (segs[i] ?? 0) - 1 : (segs[i] ?? 0);
    if (p < 0 || p >= tree.branching) return undefined;
    index += p * sizeAt(tree, i);
  }
  return index < tree.n ? index : undefined;
}

export function levelOf(tree: FanoutTree, index: number): number {
  return positionsOf(tree, index).length - 1;
}

/** Last pre-order index inside the node's subtree (itself for a leaf). */
export function lastDescendant(tree: FanoutTree, index: number): number {
  return Math.min(index + sizeAt(tree, levelOf(tree, index)) - 1, tree.n - 1);
}

export function isGroup(tree: FanoutTree, index: number): boolean {
  return lastDescendant(tree, index) > index;
}

/** Pre-order indices of the node's ancestors, outermost first. */
export function ancestorsOf(tree: FanoutTree, index: number): number[] {
  const pos = positionsOf(tree, index);
  const out: number[] = [];
  let acc = 0;
  for (let i = 0; i < pos.length - 1; i++) {
    acc += (pos[i] ?? 0) * sizeAt(tree, i) + (i === 0 ? 0 : 1);
    out.push(acc);
  }
  return out;
}

/** What reading one node needs, in one pass (no arrays): its path, level and last descendant. */
export interface NodeFacts {
  path: string;
  level: number;
  last: number;
}

/** pathOf + levelOf + lastDescendant of one index, computed together (hot in big result streams). */
export function nodeAt(tree: FanoutTree, index: number): NodeFacts {
  let r = index;
  let path = "";
  let level = 0;
  for (let l = 0; l < tree.depth; l++) {
    const s = sizeAt(tree, l);
    const p = Math.floor(r / s);
    path = l === 0 ? String(p + 1) : `${path}.${p}`;
    level = l;
    r -= p * s;
    if (r === 0) break;
    r -= 1;
  }
  return { path, level, last: Math.min(index + sizeAt(tree, level) - 1, tree.n - 1) };
}
