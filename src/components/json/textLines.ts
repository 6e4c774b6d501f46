// Line index over text held in parts (a big output is never one string): each display line is a
// (part, start, end) triple in typed arrays; long lines wrap at `width` characters.

export interface LineIndex {
  count: number;
  part: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

export function indexLines(parts: readonly string[], width = 400): LineIndex {
  let cap = 1024;
  let part = new Int32Array(cap);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let n = 0;
  const push = (p: number, s: number, e: number) => {
    if (n === cap) {
      cap *= 2;
      const grow = (a: Int32Array) => {
        const b = new Int32Array(cap);
        b.set(a);
        return b;
      };
      part = grow(part);
      start = grow(start);
      end = grow(end);
    }
    part[n] = p;
    start[n] = s;
    end[n] = e;
    n++;
  };
  parts.forEach((text, p) => {
    let pos = 0;
    while (pos <= text.length) {
      let nl = text.indexOf("\n", pos);
      if (nl === -1) nl = text.length;
      for (let s = pos; s < nl || s === pos; s += width) {
        push(p, s, Math.min(nl, s + width));
        if (s + width >= nl) break;
      }
      pos = nl + 1;
      if (nl === text.length) break;
    }
  });
  return { count: n, part: part.slice(0, n), start: start.slice(0, n), end: end.slice(0, n) };
}

export function lineText(parts: readonly string[], idx: LineIndex, i: number): string {
  const p = parts[idx.part[i] ?? 0] ?? "";
  return p.slice(idx.start[i] ?? 0, idx.end[i] ?? 0);
}

/** The first display line at or after line `from` (wrapping) that contains needle; -1 if none. */
export function findLine(parts: readonly string[], idx: LineIndex, needle: string, from: number): number {
  if (needle === "" || idx.count === 0) return -1;
  const lower = needle.toLowerCase();
  for (let k = 0; k < idx.count; k++) {
    const i = (from + k) % idx.count;
    if (lineText(parts, idx, i).toLowerCase().includes(lower)) return i;
  }
  return -1;
}
