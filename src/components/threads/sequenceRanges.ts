// Sequences as compact ranges ("1-12,14,16-20"): a bounded, test-visible summary of what the
// (virtualized) timeline holds. Pure (the incremental forms keep what they read last).
import { sameStorage, sequenceAt, type EventLog } from "../../api/live/eventLog";

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
 * sequenceRanges over a timeline log, incrementally: while each call's log shares the previous
 * one's storage and is at least as long (the live case: a flush appends a batch), only the new
 * rows are read. Any other log (a late event was inserted: new storage) is read whole.
 */
export function incrementalLogRanges(): (log: EventLog) => string {
  let seen: EventLog | undefined;
  let closed = "";
  let start = -1;
  let end = -1;
  const open = () => (start < 0 ? "" : start === end ? `${start}` : `${start}-${end}`);
  return (log) => {
    let from = seen?.count ?? 0;
    if (seen === undefined || !sameStorage(seen, log) || log.count < seen.count) {
      from = 0;
      closed = "";
      start = end = -1;
    }
    for (let i = from; i < log.count; i++) {
      const s = sequenceAt(log, i);
      if (start >= 0 && s === end + 1) {
        end = s;
        continue;
      }
      const last = open();
      if (last !== "") closed = closed === "" ? last : `${closed},${last}`;
      start = end = s;
    }
    seen = log;
    const last = open();
    return closed === "" ? last : last === "" ? closed : `${closed},${last}`;
  };
}
