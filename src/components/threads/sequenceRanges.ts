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
