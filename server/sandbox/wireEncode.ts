// Hand-written protobuf binary encoding of the StreamStepResult records that come by the
// hundred thousand (StepSummary inside StepResultMeta, StepDetail): the generic reflective
// toBinary of protobuf-es costs microseconds per field, which at 1,000,000 steps is minutes.
// The bytes are exactly those toBinary writes (fields in number order, proto3 defaults
// omitted); wire.test.ts checks that field by field against the generated schemas.
//
// The pre-encoded bytes travel inside an ordinary generated message as an unknown field
// (`$unknown`), which protobuf-es writes verbatim: the receiver decodes a normal
// StreamStepResultResponse. This only holds for the binary formats; JSON requests take the
// generic path (see results.ts).
import { create, toBinary, type UnknownField } from "@bufbuild/protobuf";
import { WireType } from "@bufbuild/protobuf/wire";
import {
  AskSpecSchema,
  StreamStepResultResponseSchema,
  type StreamStepResultResponse,
} from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import type { Payload, StepRecord } from "./model.js";
import { payloadSource } from "./payload.js";
import { DISPLAY_CAP_BYTES, executionIdOf, logsUrlOf, stepInputPayload, toAskSpec } from "./toProto.js";

const EMPTY = new Uint8Array();

/** A growable byte buffer with the few protobuf writes needed here. */
export class WireBuffer {
  buf: Buffer;
  pos = 0;

  constructor(initial = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  reset(): void {
    this.pos = 0;
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Unsigned varint of a non-negative safe integer; negative ones as 64-bit two's complement. */
  varint(n: number): void {
    this.ensure(10);
    const b = this.buf;
    if (n < 0) {
      let v = BigInt.asUintN(64, BigInt(n));
      while (v >= 128n) {
        b[this.pos++] = Number(v & 127n) | 128;
        v >>= 7n;
      }
      b[this.pos++] = Number(v);
      return;
    }
    while (n >= 128) {
      b[this.pos++] = (n % 128) | 128;
      n = Math.floor(n / 128);
    }
    b[this.pos++] = n;
  }

  tag(no: number, wireType: WireType): void {
    this.varint((no << 3) | wireType);
  }

  int(no: number, n: number): void {
    if (n === 0) return;
    this.tag(no, WireType.Varint);
    this.varint(n);
  }

  bool(no: number, b: boolean): void {
    if (!b) return;
    this.tag(no, WireType.Varint);
    this.varint(1);
  }

  string(no: number, s: string): void {
    if (s === "") return;
    this.tag(no, WireType.LengthDelimited);
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const max = s.length * 3;
    if (max < 128) {
      this.ensure(1 + max);
      const at = this.pos + 1;
      const len = this.buf.write(s, at, "utf8");
      this.buf[this.pos] = len;
      this.pos = at + len;
      return;
    }
    const len = Buffer.byteLength(s, "utf8");
    this.varint(len);
    this.ensure(len);
    this.pos += this.buf.write(s, this.pos, "utf8");
  }

  bytes(no: number, data: Uint8Array): void {
    if (data.length === 0) return;
    this.tag(no, WireType.LengthDelimited);
    this.varint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  /** Starts a length-delimited field; finish it with endMessage(start). */
  beginMessage(no: number): number {
    this.tag(no, WireType.LengthDelimited);
    this.ensure(1);
    this.pos += 1; // room for a 1-byte length, the common case
    return this.pos;
  }

  endMessage(start: number): void {
    const len = this.pos - start;
    if (len < 128) {
      this.buf[start - 1] = len;
      return;
    }
    let extra = 0;
    for (let v = len; v >= 128; v = Math.floor(v / 128)) extra++;
    this.ensure(extra);
    this.buf.copyWithin(start + extra, start, this.pos);
    const end = this.pos + extra;
    this.pos = start - 1;
    this.varint(len);
    this.pos = end;
  }

  /** Encodes one length-prefixed message body (what an unknown LengthDelimited field carries) and returns a copy. */
  lengthPrefixed(write: (w: WireBuffer) => void): Uint8Array {
    this.ensure(1);
    this.pos = 1;
    write(this);
    this.endMessage(1);
    return this.take();
  }

  /** A copy of the bytes written so far. */
  take(): Uint8Array {
    return Uint8Array.prototype.slice.call(this.buf, 0, this.pos);
  }
}

function durationOf(s: StepRecord): number {
  return s.finishedAtMs > 0 && s.startedAtMs > 0 ? s.finishedAtMs - s.startedAtMs : 0;
}

/** Fields 1-10, shared by StepSummary and StepDetail. */
function writeSummaryFields(w: WireBuffer, s: StepRecord): void {
  w.string(1, s.path);
  w.string(2, s.name);
  w.string(3, s.primitive);
  w.string(4, s.tool);
  w.int(5, s.status);
  w.int(6, s.attempt);
  w.int(7, s.startedAtMs);
  w.int(8, s.finishedAtMs);
  w.int(9, durationOf(s));
  w.string(10, s.error);
}

/** One StepSummary as field `no` of the enclosing message. */
export function writeStepSummary(w: WireBuffer, no: number, s: StepRecord): void {
  const start = w.beginMessage(no);
  writeSummaryFields(w, s);
  w.endMessage(start);
}

/** The body of a StepDetail, as toStepDetail() + toBinary() would give it. */
export function writeStepDetailFields(w: WireBuffer, threadId: string, s: StepRecord, capBytes = DISPLAY_CAP_BYTES): { input: number; output: number } {
  writeSummaryFields(w, s);
  const input = writePayload(w, 11, stepInputPayload(s), capBytes);
  const output = writePayload(w, 12, s.output, capBytes);
  w.bool(13, input > capBytes);
  w.bool(14, output > capBytes);
  w.int(15, input);
  w.int(16, output);
  w.string(17, executionIdOf(threadId, s));
  w.string(18, logsUrlOf(threadId, s));
  if (s.ask !== null) w.bytes(19, toBinary(AskSpecSchema, toAskSpec(s.ask)));
  w.bool(20, s.recoverable);
  return { input, output };
}

/** A payload's first `capBytes` as a bytes field; returns its total size. */
function writePayload(w: WireBuffer, no: number, p: Payload | null, capBytes: number): number {
  if (p === null) return 0;
  if (p.kind === "json" && p.text.length * 3 <= capBytes) {
    // Small JSON text: written straight from the string (bytes and string share a wire format).
    w.string(no, p.text);
    return p.text === "" ? 0 : Buffer.byteLength(p.text, "utf8");
  }
  const src = payloadSource(p);
  w.bytes(no, src.size === 0 ? EMPTY : src.read(0, Math.min(src.size, capBytes)));
  return src.size;
}

/**
 * A StreamStepResultResponse whose `record` oneof (field `no`: 1 meta, 2 step, 3 chunk) is given
 * pre-encoded: `data` is the length-prefixed body (WireBuffer.lengthPrefixed).
 */
export function preEncodedRecord(no: 1 | 2 | 3, data: Uint8Array): StreamStepResultResponse {
  const unknown: UnknownField = { no, wireType: WireType.LengthDelimited, data };
  const msg = create(StreamStepResultResponseSchema);
  msg.$unknown = [unknown];
  return msg;
}
