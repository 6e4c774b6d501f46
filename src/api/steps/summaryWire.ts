// StepSummary messages decoded straight from protobuf wire bytes into step columns: no message
// object, no BigInt, no string per value until a column is taken (utf8Column.ts). A 100,000-step
// meta decodes in a few tens of ms this way (the generic fromBinary takes most of a second), and
// a summary can be decoded as soon as its bytes have arrived. Field numbers come from the
// generated schema; unknown fields are skipped, as fromBinary does.
import { WireType } from "@bufbuild/protobuf/wire";
import { StepSummarySchema } from "../gen/dodil/scriptum/v1/scriptum_pb";
import type { StepColumns } from "./stepColumns";
import { Utf8ColumnBuilder } from "./utf8Column";

// Typed by the generated schema: a renamed or removed field does not compile.
const F = StepSummarySchema.field;
const FIELD_PATH = F.stepPath.number;
const FIELD_NAME = F.name.number;
const FIELD_PRIMITIVE = F.primitive.number;
const FIELD_TOOL = F.tool.number;
const FIELD_STATUS = F.status.number;
const FIELD_ATTEMPT = F.attempt.number;
const FIELD_STARTED = F.startedAtMs.number;
const FIELD_FINISHED = F.finishedAtMs.number;
const FIELD_DURATION = F.durationMs.number;
const FIELD_ERROR = F.error.number;

/** Thrown for bytes that are not a valid message (truncated, overlong varint, bad wire type). */
export class WireFormatError extends Error {}

/**
 * A cursor over wire bytes. Reads never pass `end`; a read that would throws WireFormatError.
 */
export class WireCursor {
  constructor(
    public buf: Uint8Array,
    public pos: number,
    public end: number,
  ) {}

  /** Points the cursor at other bytes (one cursor serves a whole decode). */
  reset(buf: Uint8Array, start: number, end: number): void {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  /** A varint of up to 32 bits (tags, lengths, enums, int32 as two's complement). */
  uint32(): number {
    const { buf, end } = this;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.pos >= end) throw new WireFormatError("truncated varint");
      const b = buf[this.pos++] as number;
      result |= (b & 0x7f) << shift;
      if (b < 0x80) return result >>> 0;
    }
    // int32 values are sign-extended to 10 bytes: the 5 high bytes carry no more information.
    for (let i = 0; i < 5; i++) {
      if (this.pos >= end) throw new WireFormatError("truncated varint");
      if ((buf[this.pos++] as number) < 0x80) return result >>> 0;
    }
    throw new WireFormatError("varint longer than 10 bytes");
  }

  /** A 64-bit varint read as a signed int64 number (exact up to 2^53, as Number(bigint) is). */
  int64(): number {
    const { buf, end } = this;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (; shift < 28; shift += 7) {
      if (this.pos >= end) throw new WireFormatError("truncated varint");
      const b = buf[this.pos++] as number;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) return lo >>> 0;
    }
    if (this.pos >= end) throw new WireFormatError("truncated varint");
    let b = buf[this.pos++] as number;
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (shift = 3; shift < 32; shift += 7) {
        if (this.pos >= end) throw new WireFormatError("truncated varint");
        b = buf[this.pos++] as number;
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
      if (b >= 0x80) throw new WireFormatError("varint longer than 10 bytes");
    }
    return (hi | 0) * 4294967296 + (lo >>> 0);
  }

  /** Start of a length-delimited value; pos moves past it. */
  lengthDelimited(): number {
    const len = this.uint32();
    const start = this.pos;
    if (len > this.end - start) throw new WireFormatError("length-delimited field past the end");
    this.pos = start + len;
    return start;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WireType.Varint:
        this.int64();
        return;
      case WireType.Bit64:
        this.advance(8);
        return;
      case WireType.Bit32:
        this.advance(4);
        return;
      case WireType.LengthDelimited:
        this.lengthDelimited();
        return;
      default:
        // Groups (deprecated, never in this API) and invalid wire types.
        throw new WireFormatError(`cannot skip wire type ${wireType}`);
    }
  }

  private advance(n: number): void {
    if (n > this.end - this.pos) throw new WireFormatError("fixed-size field past the end");
    this.pos += n;
  }
}

/** Columns filled one decoded summary at a time (arrays grow by doubling). */
export class SummaryColumnsBuilder {
  count = 0;
  private readonly path = new Utf8ColumnBuilder();
  private readonly name = new Utf8ColumnBuilder();
  private readonly primitive = new Utf8ColumnBuilder();
  private readonly tool = new Utf8ColumnBuilder();
  private readonly error = new Utf8ColumnBuilder();
  private status = new Uint8Array(1024);
  private attempt = new Int32Array(1024);
  private startedAt = new Float64Array(1024);
  private finishedAt = new Float64Array(1024);
  private duration = new Float64Array(1024);
  private readonly cursor = new WireCursor(new Uint8Array(0), 0, 0);

  /** Decodes the StepSummary in buf[start, end) as the next step. */
  add(buf: Uint8Array, start: number, end: number): void {
    const i = this.count;
    if (i === this.status.length) this.grow();
    const c = this.cursor;
    c.reset(buf, start, end);
    // Strings are byte ranges until the end (a repeated field: the last one wins).
    let pathAt = 0;
    let pathEnd = 0;
    let nameAt = 0;
    let nameEnd = 0;
    let primitiveAt = 0;
    let primitiveEnd = 0;
    let toolAt = 0;
    let toolEnd = 0;
    let errorAt = 0;
    let errorEnd = 0;
    let status = 0;
    let attempt = 0;
    let started = 0;
    let finished = 0;
    let duration = 0;
    while (c.pos < end) {
      const tag = c.uint32();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (wire === WireType.LengthDelimited) {
        switch (field) {
          case FIELD_PATH:
            pathAt = c.lengthDelimited();
            pathEnd = c.pos;
            continue;
          case FIELD_NAME:
            nameAt = c.lengthDelimited();
            nameEnd = c.pos;
            continue;
          case FIELD_PRIMITIVE:
            primitiveAt = c.lengthDelimited();
            primitiveEnd = c.pos;
            continue;
          case FIELD_TOOL:
            toolAt = c.lengthDelimited();
            toolEnd = c.pos;
            continue;
          case FIELD_ERROR:
            errorAt = c.lengthDelimited();
            errorEnd = c.pos;
            continue;
        }
      } else if (wire === WireType.Varint) {
        switch (field) {
          case FIELD_STATUS:
            status = c.uint32();
            continue;
          case FIELD_ATTEMPT:
            attempt = c.uint32() | 0;
            continue;
          case FIELD_STARTED:
            started = c.int64();
            continue;
          case FIELD_FINISHED:
            finished = c.int64();
            continue;
          case FIELD_DURATION:
            duration = c.int64();
            continue;
        }
      }
      if (field === 0) throw new WireFormatError("field number 0");
      c.skip(wire);
    }
    this.path.add(buf, pathAt, pathEnd);
    this.name.add(buf, nameAt, nameEnd);
    this.primitive.add(buf, primitiveAt, primitiveEnd);
    this.tool.add(buf, toolAt, toolEnd);
    this.error.add(buf, errorAt, errorEnd);
    this.status[i] = status;
    this.attempt[i] = attempt;
    this.startedAt[i] = started;
    this.finishedAt[i] = finished;
    this.duration[i] = duration;
    this.count = i + 1;
  }

  /** The steps added so far, as columns (copies: adding more later does not change them). */
  columns(): StepColumns {
    const n = this.count;
    return {
      count: n,
      path: this.path.column(),
      name: this.name.column(),
      primitive: this.primitive.column(),
      tool: this.tool.column(),
      error: this.error.column(),
      status: this.status.slice(0, n),
      attempt: this.attempt.slice(0, n),
      startedAt: this.startedAt.slice(0, n),
      finishedAt: this.finishedAt.slice(0, n),
      duration: this.duration.slice(0, n),
      origin: new Uint8Array(n),
    };
  }

  private grow(): void {
    const size = this.status.length * 2;
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: (k: number) => T): T => {
      const b = make(size);
      b.set(a as never);
      return b;
    };
    this.status = grow(this.status, (k) => new Uint8Array(k));
    this.attempt = grow(this.attempt, (k) => new Int32Array(k));
    this.startedAt = grow(this.startedAt, (k) => new Float64Array(k));
    this.finishedAt = grow(this.finishedAt, (k) => new Float64Array(k));
    this.duration = grow(this.duration, (k) => new Float64Array(k));
  }
}
