// Hierarchical step paths ("1.2.0"): parsing and the one ordering of the console. Segments compare
// numerically when both are integers (so "1.10" comes after "1.9"), a numeric segment before a
// non-numeric one, and strings by code unit otherwise; a path comes before its descendants. The
// tree's pre-order is exactly this order, which is what lets a path be found by binary search.

/** Orders two single segments (no dots) the way comparePaths does. */
export function compareSegments(a: string, b: string): number {
  return comparePaths(a, b);
}

/**
 * Orders two step paths segment by segment; a prefix first. A segment of digits only is a number
 * (any length, leading zeros ignored, ties broken by the text); numbers come before names.
 * Allocation-free: it runs millions of times when a big tree is sorted.
 */
export function comparePaths(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  let i = 0;
  let j = 0;
  for (;;) {
    let ea = i;
    let aNum = true;
    while (ea < la) {
      const c = a.charCodeAt(ea);
      if (c === 46) break;
      if (c < 48 || c > 57) aNum = false;
      ea++;
    }
    let eb = j;
    let bNum = true;
    while (eb < lb) {
      const c = b.charCodeAt(eb);
      if (c === 46) break;
      if (c < 48 || c > 57) bNum = false;
      eb++;
    }
    if (ea === i) aNum = false;
    if (eb === j) bNum = false;
    let c = 0;
    if (aNum && bNum) {
      let za = i;
      while (za < ea - 1 && a.charCodeAt(za) === 48) za++;
      let zb = j;
      while (zb < eb - 1 && b.charCodeAt(zb) === 48) zb++;
      const da = ea - za;
      const db = eb - zb;
      if (da !== db) c = da < db ? -1 : 1;
      else c = compareRange(a, za, ea, b, zb, eb);
      if (c === 0) c = compareRange(a, i, ea, b, j, eb);
    } else if (aNum !== bNum) {
      c = aNum ? -1 : 1;
    } else {
      c = compareRange(a, i, ea, b, j, eb);
    }
    if (c !== 0) return c;
    const endA = ea >= la;
    const endB = eb >= lb;
    if (endA && endB) return 0;
    if (endA) return -1;
    if (endB) return 1;
    i = ea + 1;
    j = eb + 1;
  }
}

function compareRange(a: string, i: number, ea: number, b: string, j: number, eb: number): number {
  while (i < ea && j < eb) {
    const d = a.charCodeAt(i) - b.charCodeAt(j);
    if (d !== 0) return d < 0 ? -1 : 1;
    i++;
    j++;
  }
  const ra = ea - i;
  const rb = eb - j;
  return ra === rb ? 0 : ra < rb ? -1 : 1;
}

/** "1.2.0" → "1.2"; a top-level path → "" (the invisible root). */
export function parentPath(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot === -1 ? "" : path.slice(0, dot);
}

export function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}

/** Every proper ancestor, nearest last: "1.2.0" → ["1", "1.2"]. */
export function ancestorPaths(path: string): string[] {
  const out: string[] = [];
  let dot = path.indexOf(".");
  while (dot !== -1) {
    out.push(path.slice(0, dot));
    dot = path.indexOf(".", dot + 1);
  }
  return out;
}

/** A path the console can ask for: non-empty segments of letters, digits, "_" or "-". */
export function isPlausibleStepPath(path: string): boolean {
  return path.length > 0 && path.length <= 512 && /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(path);
}
