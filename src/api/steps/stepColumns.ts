// Step summaries as columns (typed arrays and string columns) rather than one object per step:
// a million steps cost a few typed arrays, transfer from a worker without copying, and scan fast.
import type { StepSummary } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { StepStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { columnGet, stringColumnFrom, type StringColumn } from "./stringColumn";

/** One step as plain values (what a row, the detail header and the bundle show). */
export interface StepRecord {
  path: string;
  name: string;
  primitive: string;
  tool: string;
  error: string;
  status: StepStatus;
  attempt: number;
  /** Milliseconds since the epoch; 0 = unknown. */
  startedAtMs: number;
  finishedAtMs: number;
  durationMs: number;
}

export interface StepColumns {
  readonly count: number;
  readonly path: StringColumn;
  readonly name: StringColumn;
  readonly primitive: StringColumn;
  readonly tool: StringColumn;
  readonly error: StringColumn;
  readonly status: Uint8Array;
  readonly attempt: Int32Array;
  readonly startedAt: Float64Array;
  readonly finishedAt: Float64Array;
  readonly duration: Float64Array;
  /** 0 = reported by the service; 1 = an ancestor made up so that a step has its parent. */
  readonly origin: Uint8Array;
}

export function recordFromSummary(s: StepSummary): StepRecord {
  return {
    path: s.stepPath,
    name: s.name,
    primitive: s.primitive,
    tool: s.tool,
    error: s.error,
    status: s.status,
    attempt: s.attempt,
    startedAtMs: Number(s.startedAtMs),
    finishedAtMs: Number(s.finishedAtMs),
    durationMs: Number(s.durationMs),
  };
}

export function columnsFromRecords(records: readonly StepRecord[], origin = 0): StepColumns {
  const n = records.length;
  const status = new Uint8Array(n);
  const attempt = new Int32Array(n);
  const startedAt = new Float64Array(n);
  const finishedAt = new Float64Array(n);
  const duration = new Float64Array(n);
  const path = new Array<string>(n);
  const name = new Array<string>(n);
  const primitive = new Array<string>(n);
  const tool = new Array<string>(n);
  const error = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const r = records[i] as StepRecord;
    path[i] = r.path;
    name[i] = r.name;
    primitive[i] = r.primitive;
    tool[i] = r.tool;
    error[i] = r.error;
    status[i] = r.status;
    attempt[i] = r.attempt;
    startedAt[i] = r.startedAtMs;
    finishedAt[i] = r.finishedAtMs;
    duration[i] = r.durationMs;
  }
  return {
    count: n,
    path: stringColumnFrom(path),
    name: stringColumnFrom(name),
    primitive: stringColumnFrom(primitive),
    tool: stringColumnFrom(tool),
    error: stringColumnFrom(error),
    status,
    attempt,
    startedAt,
    finishedAt,
    duration,
    origin: new Uint8Array(n).fill(origin),
  };
}

export function columnsFromSummaries(summaries: readonly StepSummary[]): StepColumns {
  return columnsFromRecords(summaries.map(recordFromSummary));
}

export function recordAt(cols: StepColumns, i: number): StepRecord {
  return {
    path: columnGet(cols.path, i),
    name: columnGet(cols.name, i),
    primitive: columnGet(cols.primitive, i),
    tool: columnGet(cols.tool, i),
    error: columnGet(cols.error, i),
    status: (cols.status[i] ?? 0) as StepStatus,
    attempt: cols.attempt[i] ?? 0,
    startedAtMs: cols.startedAt[i] ?? 0,
    finishedAtMs: cols.finishedAt[i] ?? 0,
    durationMs: cols.duration[i] ?? 0,
  };
}

export function allRecords(cols: StepColumns): StepRecord[] {
  const out = new Array<StepRecord>(cols.count);
  for (let i = 0; i < cols.count; i++) out[i] = recordAt(cols, i);
  return out;
}

/** The columns with more rows after the existing ones (live steps, made-up ancestors). */
export function appendColumns(cols: StepColumns, more: StepColumns): StepColumns {
  if (more.count === 0) return cols;
  if (cols.count === 0) return more;
  return {
    count: cols.count + more.count,
    path: appendStrings(cols.path, more.path),
    name: appendStrings(cols.name, more.name),
    primitive: appendStrings(cols.primitive, more.primitive),
    tool: appendStrings(cols.tool, more.tool),
    error: appendStrings(cols.error, more.error),
    status: concatTyped(cols.status, more.status, Uint8Array),
    attempt: concatTyped(cols.attempt, more.attempt, Int32Array),
    startedAt: concatTyped(cols.startedAt, more.startedAt, Float64Array),
    finishedAt: concatTyped(cols.finishedAt, more.finishedAt, Float64Array),
    duration: concatTyped(cols.duration, more.duration, Float64Array),
    origin: concatTyped(cols.origin, more.origin, Uint8Array),
  };
}

function appendStrings(a: StringColumn, b: StringColumn): StringColumn {
  const na = a.offsets.length - 1;
  const nb = b.offsets.length - 1;
  const offsets = new Uint32Array(na + nb + 1);
  offsets.set(a.offsets.subarray(0, na));
  const base = a.text.length + 1;
  for (let i = 0; i <= nb; i++) offsets[na + i] = (b.offsets[i] ?? 0) + base;
  return { text: `${a.text}\u0000${b.text}`, offsets };
}

type TypedCtor<T> = new (n: number) => T;
function concatTyped<T extends Uint8Array | Int32Array | Float64Array>(a: T, b: T, C: TypedCtor<T>): T {
  const out = new C(a.length + b.length);
  out.set(a as never);
  out.set(b as never, a.length);
  return out;
}

/** A copy whose numeric columns can be changed without touching the original. */
export function withNumbers(cols: StepColumns): StepColumns {
  return {
    ...cols,
    status: cols.status.slice(),
    attempt: cols.attempt.slice(),
    startedAt: cols.startedAt.slice(),
    finishedAt: cols.finishedAt.slice(),
    duration: cols.duration.slice(),
  };
}

/** Typed arrays of the columns, for postMessage's transfer list. */
export function columnBuffers(cols: StepColumns): ArrayBuffer[] {
  return [
    cols.path.offsets.buffer,
    cols.name.offsets.buffer,
    cols.primitive.offsets.buffer,
    cols.tool.offsets.buffer,
    cols.error.offsets.buffer,
    cols.status.buffer,
    cols.attempt.buffer,
    cols.startedAt.buffer,
    cols.finishedAt.buffer,
    cols.duration.buffer,
    cols.origin.buffer,
  ] as ArrayBuffer[];
}

export const isTerminalStepStatus = (s: StepStatus): boolean =>
  s === StepStatus.COMPLETED || s === StepStatus.FAILED || s === StepStatus.SKIPPED;
