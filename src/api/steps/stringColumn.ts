// A column of strings kept as one string plus offsets: cheap to build, to send from a worker (one
// string and one typed array instead of a million small strings), and to search with indexOf.
// Entries are separated by U+0000 so a search text without it never matches across two entries.

export interface StringColumn {
  readonly text: string;
  /** offsets[i] is where entry i starts; offsets[count] is text.length + 1. */
  readonly offsets: Uint32Array;
}

const SEP = "\u0000";

export function stringColumnFrom(values: readonly string[]): StringColumn {
  const clean = values.map((v) => (v.includes(SEP) ? v.replaceAll(SEP, "") : v));
  const offsets = new Uint32Array(clean.length + 1);
  let pos = 0;
  for (let i = 0; i < clean.length; i++) {
    offsets[i] = pos;
    pos += (clean[i] ?? "").length + 1;
  }
  offsets[clean.length] = pos;
  return { text: clean.join(SEP), offsets };
}

export function columnSize(col: StringColumn): number {
  return col.offsets.length - 1;
}

export function columnGet(col: StringColumn, i: number): string {
  const start = col.offsets[i];
  const next = col.offsets[i + 1];
  if (start === undefined || next === undefined) return "";
  return col.text.slice(start, next - 1);
}

/** Index of the entry containing text position pos (binary search over the offsets). */
export function entryAt(col: StringColumn, pos: number): number {
  let lo = 0;
  let hi = col.offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((col.offsets[mid] ?? 0) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Marks every entry whose text contains needle (already lower-cased; haystack is the column's
 * lower-cased text). One indexOf pass over the whole column: fast even for a million entries.
 */
export function markContaining(
  col: StringColumn,
  lowerText: string,
  needle: string,
  into: Uint8Array,
): void {
  if (needle === "" || needle.includes(SEP)) return;
  let from = 0;
  for (;;) {
    const hit = lowerText.indexOf(needle, from);
    if (hit === -1) return;
    const entry = entryAt(col, hit);
    into[entry] = 1;
    from = col.offsets[entry + 1] ?? lowerText.length + 1;
  }
}
