// Hands the bytes of a StreamThreadResult's OutputChunks to the sink straight from the response
// body, as they arrive, instead of through the Connect client. The client copies every message
// into a new buffer before it is decoded; for a 500 MB output that is 500 MB of fresh memory, and
// in Chromium allocating it cost about 30 % of the bare read's throughput (bench/FINDINGS.md,
// 2026-12-02). Connect and gRPC-Web frame messages alike (1 flag byte, 4 length bytes, the
// message), so the tap sits between fetch and the client (outputTapFetch.ts):
//   - an OutputChunk whose index is the next one expected and whose fields come in the usual order
//     (chunk_index, data, then the rest) is tapped: its data goes to `write` as subarrays of the
//     body's reads, and the client reads a stand-in instead (the same index and is_final, no data);
//   - anything else (the meta record, the end of the stream, a chunk out of order or laid out
//     otherwise) goes through to the client untouched, and from the first such data record on the
//     tap lets everything through, so the client's ChunkAssembler takes over where it stopped.
// `records` tells the reader, message by message, which ones were stand-ins (outputStream.ts).
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { OutputChunkSchema, StreamThreadResultResponseSchema } from "../gen/dodil/scriptum/v1/scriptum_pb";

const HEADER_BYTES = 5;
/** Enough for the record tag, two lengths, the index and the data tag (varints of ≤ 10 bytes). */
const PREFIX_MAX = 40;
/** The fields after the data (is_final, fields this console does not know) are kept to be read. */
const SUFFIX_MAX = 4096;

const RECORD_DATA_TAG = (StreamThreadResultResponseSchema.field.data.number << 3) | 2;
const CHUNK_INDEX_TAG = OutputChunkSchema.field.chunkIndex.number << 3;
const CHUNK_DATA_TAG = (OutputChunkSchema.field.data.number << 3) | 2;

/** What the client reads, in order: a message the tap let through, or a stand-in for a tapped chunk. */
export type TapRecord = { standIn: false } | { standIn: true; index: number; length: number; isFinal: boolean };

export interface TapPush {
  /** Bytes for the client, in order. */
  client: Uint8Array[];
  /** Data bytes for the sink, in order (subarrays of the pushed chunks: not to be kept past a write). */
  writes: Uint8Array[];
}

export class OutputTapError extends Error {
  override name = "OutputTapError";
}

type State =
  | { kind: "header" }
  | { kind: "prefix"; length: number }
  | { kind: "pass"; left: number }
  | { kind: "data"; left: number; chunk: TappedChunk }
  | { kind: "suffix"; chunk: TappedChunk };

interface TappedChunk {
  index: number;
  length: number;
  /** chunk_index was written before the data (else it is 0 and must not come later). */
  indexBefore: boolean;
  suffix: Uint8Array;
  suffixFill: number;
}

type Decision = { kind: "more" } | { kind: "pass" } | { kind: "tap"; index: number; indexBefore: boolean; dataStart: number; dataLength: number; suffixLength: number };

export class OutputTap {
  /** The index of the next chunk the tap would take. */
  next = 0;
  /** Data bytes written by the tap. */
  writtenBytes = 0;
  /** Once a data record went through, everything does. */
  passing = false;
  private readonly pending: TapRecord[] = [];
  private state: State = { kind: "header" };
  private readonly header = new Uint8Array(HEADER_BYTES);
  private headerFill = 0;
  private readonly prefix = new Uint8Array(PREFIX_MAX);
  private prefixFill = 0;

  constructor(readonly write: (bytes: Uint8Array) => Promise<void>) {}

  /** The reader's next record: undefined when the tap saw nothing for it (no body went through). */
  nextRecord(): TapRecord | undefined {
    return this.pending.shift();
  }

  push(chunk: Uint8Array): TapPush {
    const out: TapPush = { client: [], writes: [] };
    let at = 0;
    while (at < chunk.length) {
      const s = this.state;
      switch (s.kind) {
        case "header": {
          const n = Math.min(HEADER_BYTES - this.headerFill, chunk.length - at);
          this.header.set(chunk.subarray(at, at + n), this.headerFill);
          this.headerFill += n;
          at += n;
          if (this.headerFill < HEADER_BYTES) break;
          this.headerFill = 0;
          const flags = this.header[0] ?? 0;
          const length = new DataView(this.header.buffer).getUint32(1);
          if (flags !== 0 || this.passing || length === 0) {
            // End of stream, trailers, compression, or the tap stepped aside: the client's.
            if (flags === 0) this.pending.push({ standIn: false });
            out.client.push(this.header.slice());
            this.state = length === 0 ? { kind: "header" } : { kind: "pass", left: length };
          } else {
            this.prefixFill = 0;
            this.state = { kind: "prefix", length };
          }
          break;
        }
        case "prefix": {
          const n = Math.min(Math.min(PREFIX_MAX, s.length) - this.prefixFill, chunk.length - at);
          this.prefix.set(chunk.subarray(at, at + n), this.prefixFill);
          this.prefixFill += n;
          at += n;
          const whole = this.prefixFill === Math.min(PREFIX_MAX, s.length);
          const d = decide(this.prefix.subarray(0, this.prefixFill), s.length, this.next, whole);
          if (d.kind === "more") break;
          if (d.kind === "pass") {
            this.pending.push({ standIn: false });
            // A data record the tap cannot take: from here on the client reassembles everything.
            if (this.prefix[0] === RECORD_DATA_TAG) this.passing = true;
            out.client.push(this.header.slice(), this.prefix.slice(0, this.prefixFill));
            this.state = s.length > this.prefixFill ? { kind: "pass", left: s.length - this.prefixFill } : { kind: "header" };
            break;
          }
          const tapped: TappedChunk = { index: d.index, length: d.dataLength, indexBefore: d.indexBefore, suffix: new Uint8Array(d.suffixLength), suffixFill: 0 };
          // The prefix may already hold some data and even the suffix.
          const dataInPrefix = Math.min(this.prefixFill - d.dataStart, d.dataLength);
          if (dataInPrefix > 0) out.writes.push(this.prefix.slice(d.dataStart, d.dataStart + dataInPrefix));
          const suffixInPrefix = this.prefixFill - d.dataStart - dataInPrefix;
          if (suffixInPrefix > 0) {
            tapped.suffix.set(this.prefix.subarray(d.dataStart + dataInPrefix, this.prefixFill));
            tapped.suffixFill = suffixInPrefix;
          }
          this.writtenBytes += dataInPrefix;
          this.state = { kind: "data", left: d.dataLength - dataInPrefix, chunk: tapped };
          this.settle(out);
          break;
        }
        case "data": {
          const n = Math.min(s.left, chunk.length - at);
          out.writes.push(chunk.subarray(at, at + n));
          this.writtenBytes += n;
          s.left -= n;
          at += n;
          this.settle(out);
          break;
        }
        case "suffix": {
          const c = s.chunk;
          const n = Math.min(c.suffix.length - c.suffixFill, chunk.length - at);
          c.suffix.set(chunk.subarray(at, at + n), c.suffixFill);
          c.suffixFill += n;
          at += n;
          this.settle(out);
          break;
        }
        case "pass": {
          const n = Math.min(s.left, chunk.length - at);
          out.client.push(chunk.subarray(at, at + n));
          s.left -= n;
          at += n;
          if (s.left === 0) this.state = { kind: "header" };
          break;
        }
      }
    }
    // A tapped chunk with nothing left to read ends here too (empty data, empty suffix).
    this.settle(out);
    return out;
  }

  /** Moves a tapped chunk on: data done → suffix; suffix done → the stand-in for the client. */
  private settle(out: TapPush): void {
    const s = this.state;
    if (s.kind === "data" && s.left === 0) this.state = { kind: "suffix", chunk: s.chunk };
    const t = this.state;
    if (t.kind !== "suffix" || t.chunk.suffixFill < t.chunk.suffix.length) return;
    const c = t.chunk;
    let isFinal = false;
    if (c.suffix.length > 0) {
      // The rest of the OutputChunk, read as an OutputChunk (unknown fields are skipped).
      let rest;
      try {
        rest = fromBinary(OutputChunkSchema, c.suffix);
      } catch (e) {
        throw new OutputTapError(`output chunk ${c.index}: unreadable fields after its data (${e instanceof Error ? e.message : String(e)})`);
      }
      if (rest.data.length > 0 || (!c.indexBefore && rest.chunkIndex !== 0n)) {
        // The bytes already written were not this chunk's data after all.
        throw new OutputTapError(`output chunk ${c.index}: its fields came in an order the console cannot stream`);
      }
      isFinal = rest.isFinal;
    }
    this.next += 1;
    this.pending.push({ standIn: true, index: c.index, length: c.length, isFinal });
    out.client.push(standIn(c.index, isFinal));
    this.state = { kind: "header" };
  }
}

/** What to do with a data-less message's first bytes (`bytes`, of a message of `length`). */
function decide(bytes: Uint8Array, length: number, next: number, whole: boolean): Decision {
  const need: Decision = whole ? { kind: "pass" } : { kind: "more" };
  const r = new Cursor(bytes);
  if (r.byte() !== RECORD_DATA_TAG) return bytes.length === 0 ? need : { kind: "pass" };
  const inner = r.varint();
  if (inner === undefined) return need;
  // The OutputChunk must be the whole message.
  if (r.pos + inner !== length) return { kind: "pass" };
  const innerStart = r.pos;
  let index = 0;
  let indexBefore = false;
  let tag = r.byte();
  if (tag === undefined) return need;
  if (tag === CHUNK_INDEX_TAG) {
    const v = r.varint();
    if (v === undefined) return need;
    index = v;
    indexBefore = true;
    tag = r.byte();
    if (tag === undefined) return need;
  }
  if (tag !== CHUNK_DATA_TAG) return { kind: "pass" };
  const dataLength = r.varint();
  if (dataLength === undefined) return need;
  if (!Number.isSafeInteger(dataLength)) return { kind: "pass" };
  const suffixLength = inner - (r.pos - innerStart) - dataLength;
  if (index !== next || suffixLength < 0 || suffixLength > SUFFIX_MAX) return { kind: "pass" };
  return { kind: "tap", index, indexBefore, dataStart: r.pos, dataLength, suffixLength };
}

/** Reads bytes and varints (up to 2^53) off a prefix; undefined when the prefix ends first. */
class Cursor {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number | undefined {
    return this.pos < this.bytes.length ? this.bytes[this.pos++] : undefined;
  }

  varint(): number | undefined {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      if (b === undefined) return undefined;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value <= Number.MAX_SAFE_INTEGER ? value : Number.NaN;
      scale *= 128;
    }
    return Number.NaN;
  }
}

/** StreamThreadResultResponse{data: {chunk_index, is_final}} in its envelope: what the client reads. */
function standIn(index: number, isFinal: boolean): Uint8Array {
  const message = toBinary(
    StreamThreadResultResponseSchema,
    create(StreamThreadResultResponseSchema, { chunk: { case: "data", value: { chunkIndex: BigInt(index), isFinal } } }),
  );
  const out = new Uint8Array(HEADER_BYTES + message.length);
  new DataView(out.buffer).setUint32(1, message.length);
  out.set(message, HEADER_BYTES);
  return out;
}
