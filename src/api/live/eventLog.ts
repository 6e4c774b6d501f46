// The timeline of one thread: one compact row per WatchThread event, in sequence order. Rows are
// stored in columns (sequence, time, kind and yield index in typed arrays; step path and text in
// plain arrays), about 50 bytes a row with its text instead of ~480 for the protobuf message.
//
// A log is a view (storage, count): successive logs share their storage. Appending to the newest
// view writes into the same storage (amortised O(1): a live flush costs its batch, not the whole
// history); appending to an older view copies first, and late events are merged into a copy.
// A view never reads past its count, so older views keep seeing their rows, with one exception:
// a yield's text is released once the yield is more than KEPT_YIELD_TEXTS rows from the end of
// the newest view (every view then shows it as not kept), so memory stays bounded however long a
// thread yields (the results panel reads the first yields from GetThreadResult); the text of
// every other event is kept.
import { EventKind, type EventRecord } from "./eventRecord";

/** Yield texts kept, newest first: 25 s of a 200-a-second ticker. */
export const KEPT_YIELD_TEXTS = 5_000;

const INITIAL_CAPACITY = 256;

/** The columns behind logs; opaque outside this file. */
export class LogStorage {
  sequence: Float64Array;
  atMs: Float64Array;
  kind: Uint8Array;
  number: Float64Array;
  stepPath: string[] = [];
  detail: (string | undefined)[] = [];
  length = 0;
  /** Yield texts below this row have been released. */
  releasedBelow = 0;
  /** One string per distinct step path (every yield of a step would otherwise hold its own). */
  private readonly paths = new Map<string, string>();

  constructor(capacity: number) {
    this.sequence = new Float64Array(capacity);
    this.atMs = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.number = new Float64Array(capacity);
  }

  intern(path: string): string {
    const known = this.paths.get(path);
    if (known !== undefined) return known;
    this.paths.set(path, path);
    return path;
  }

  reserve(rows: number): void {
    if (rows <= this.sequence.length) return;
    const capacity = Math.max(rows, this.sequence.length * 2);
    this.sequence = grown(this.sequence, new Float64Array(capacity));
    this.atMs = grown(this.atMs, new Float64Array(capacity));
    this.kind = grown(this.kind, new Uint8Array(capacity));
    this.number = grown(this.number, new Float64Array(capacity));
  }

  /** Writes row `i` (which must be free, or already moved). */
  put(i: number, sequence: number, atMs: number, record: EventRecord): void {
    this.putColumns(i, sequence, atMs, record.kind, record.number, record.stepPath, record.detail);
  }

  putColumns(i: number, sequence: number, atMs: number, kind: EventKind, number: number, stepPath: string, detail: string | undefined): void {
    this.sequence[i] = sequence;
    this.atMs[i] = atMs;
    this.kind[i] = kind;
    this.number[i] = number;
    this.stepPath[i] = this.intern(stepPath);
    this.detail[i] = detail;
  }

  /** Releases the texts of yields more than KEPT_YIELD_TEXTS rows from the end. */
  release(): void {
    const below = this.length - KEPT_YIELD_TEXTS;
    for (let i = this.releasedBelow; i < below; i++) {
      if (this.kind[i] === EventKind.ValueYielded) this.detail[i] = undefined;
    }
    this.releasedBelow = Math.max(this.releasedBelow, below);
  }

  /** A new storage with this one's first `count` rows. */
  copy(count: number, extra: number): LogStorage {
    const next = new LogStorage(Math.max(INITIAL_CAPACITY, (count + extra) * 2));
    next.sequence.set(this.sequence.subarray(0, count));
    next.atMs.set(this.atMs.subarray(0, count));
    next.kind.set(this.kind.subarray(0, count));
    next.number.set(this.number.subarray(0, count));
    next.stepPath = this.stepPath.slice(0, count);
    next.detail = this.detail.slice(0, count);
    for (const path of next.stepPath) next.intern(path);
    next.length = count;
    next.releasedBelow = Math.min(this.releasedBelow, count);
    return next;
  }
}

function grown<T extends Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Rows [0, count) of a storage. Build with emptyEventLog, appendEvent and insertEvents only. */
export interface EventLog {
  readonly storage: LogStorage;
  readonly count: number;
}

/** One row, as the timeline renders it. */
export interface TimelineRow {
  readonly sequence: number;
  readonly atMs: number;
  readonly kind: EventKind;
  readonly number: number;
  readonly stepPath: string;
  /** undefined: a yield's text that is no longer kept. */
  readonly detail: string | undefined;
}

export function emptyEventLog(): EventLog {
  return { storage: new LogStorage(INITIAL_CAPACITY), count: 0 };
}

export function sequenceAt(log: EventLog, i: number): number {
  return log.storage.sequence[i] as number;
}

export function kindAt(log: EventLog, i: number): EventKind {
  return log.storage.kind[i] as EventKind;
}

export function rowAt(log: EventLog, i: number): TimelineRow {
  const s = log.storage;
  return {
    sequence: s.sequence[i] as number,
    atMs: s.atMs[i] as number,
    kind: s.kind[i] as EventKind,
    number: s.number[i] as number,
    stepPath: s.stepPath[i] as string,
    detail: s.detail[i],
  };
}

/** Whether two logs share their storage, so the shorter one's rows are the longer one's first. */
export function sameStorage(a: EventLog, b: EventLog): boolean {
  return a.storage === b.storage;
}

/** Index of `sequence`, or -(insertion point) - 1 when absent. */
export function indexOfSequence(log: EventLog, sequence: number): number {
  const seq = log.storage.sequence;
  let lo = 0;
  let hi = log.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = seq[mid] as number;
    if (s === sequence) return mid;
    if (s < sequence) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

/** The log with a row after its last (`sequence` must be above every sequence in it). */
export function appendEvent(log: EventLog, sequence: number, atMs: number, record: EventRecord): EventLog {
  const storage = log.count === log.storage.length ? log.storage : log.storage.copy(log.count, 1);
  storage.reserve(log.count + 1);
  storage.put(log.count, sequence, atMs, record);
  storage.length = log.count + 1;
  storage.release();
  return { storage, count: storage.length };
}

/** A row to insert: a late event. */
export interface LateRow {
  readonly sequence: number;
  readonly atMs: number;
  readonly record: EventRecord;
}

/**
 * The log with late rows put in their places (sequences absent from the log, each once): one
 * merge into new storage, however many rows and wherever they go.
 */
export function insertEvents(log: EventLog, rows: readonly LateRow[]): EventLog {
  if (rows.length === 0) return log;
  const late = [...rows].sort((a, b) => a.sequence - b.sequence);
  const old = log.storage;
  const storage = new LogStorage(Math.max(INITIAL_CAPACITY, (log.count + late.length) * 2));
  let i = 0;
  let j = 0;
  for (let out = 0; out < log.count + late.length; out++) {
    const next = late[j];
    if (next !== undefined && (i >= log.count || next.sequence < (old.sequence[i] as number))) {
      storage.put(out, next.sequence, next.atMs, next.record);
      j++;
      continue;
    }
    storage.putColumns(out, old.sequence[i] as number, old.atMs[i] as number, old.kind[i] as EventKind, old.number[i] as number, old.stepPath[i] as string, old.detail[i]);
    i++;
  }
  storage.length = log.count + late.length;
  storage.release();
  return { storage, count: storage.length };
}

/** Rows whose kind is `kind`, as indexes (for the "yields only" filter). */
export function indexesOfKind(log: EventLog, kind: EventKind): number[] {
  const kinds = log.storage.kind;
  const out: number[] = [];
  for (let i = 0; i < log.count; i++) if (kinds[i] === kind) out.push(i);
  return out;
}
