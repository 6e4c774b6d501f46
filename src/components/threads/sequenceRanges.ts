// Sequences as compact ranges ("1-12,14,16-20"): a bounded, test-visible summary of what the
// (virtualized) timeline holds. Pure.
export function sequenceRanges(sequences: Iterable<bigint | number>): string {
  const parts: string[] = [];
  let start: bigint | undefined;
  let end: bigint | undefined;
  const close = () => {
    if (start === undefined || end === undefined) return;
    parts.push(start === end ? `${start}` : `${start}-${end}`);
  };
  for (const raw of sequences) {
    const s = BigInt(raw);
    if (end !== undefined && s === end + 1n) {
      end = s;
      continue;
    }
    close();
    start = end = s;
  }
  close();
  return parts.join(",");
}

/**
 * sequenceRanges over an append-only list, incrementally: while each call's list starts with the
 * previous one (same items, by identity), only the new tail is read. Any other list is read from
 * the start. For the live timeline, whose event list grows by a batch at each flush.
 */
export function incrementalSequenceRanges<T>(sequenceOf: (item: T) => bigint | number): (items: readonly T[]) => string {
  let seen: readonly T[] = [];
  let count = 0;
  let closed = "";
  let start: bigint | undefined;
  let end: bigint | undefined;
  const reset = () => {
    count = 0;
    closed = "";
    start = end = undefined;
  };
  const open = () => (start === undefined || end === undefined ? "" : start === end ? `${start}` : `${start}-${end}`);
  return (items) => {
    if (items.length < count || (count > 0 && items[count - 1] !== seen[count - 1])) reset();
    for (let i = count; i < items.length; i++) {
      const s = BigInt(sequenceOf(items[i] as T));
      if (end !== undefined && s === end + 1n) {
        end = s;
        continue;
      }
      const last = open();
      if (last !== "") closed = closed === "" ? last : `${closed},${last}`;
      start = end = s;
    }
    seen = items;
    count = items.length;
    const last = open();
    return closed === "" ? last : last === "" ? closed : `${closed},${last}`;
  };
}
