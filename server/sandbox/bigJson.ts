// Deterministic big JSON documents, generated slice by slice: the same (seed, bytes, label)
// always gives the same bytes, any range can be produced without producing what comes before
// it, and nothing is ever held whole in memory or in SQLite.
//
// Layout (every row has the same length, so offsets are arithmetic):
//   {"label":"…","seed":"…","rows":[ROW,ROW,…,ROW],"pad":"xxxx"}
//   ROW = {"i":"0000000042","h":"1a2b3c4d","v":"<filler of fixed length>"}
// The filler of row i is FILLER_BYTES of a seeded word pattern from offset fillerOffset(i); the
// hash is hash32(String(i)) ^ hash32(seed + "/" + label), 8 hex digits.
//
// How it is fast: fillerOffset(i) depends only on i mod 4096, so a block of 4096 rows (commas
// included, 1 MiB) is built once per seed; a read copies the block's bytes in (memcpy) and patches
// the 18 bytes that differ from row to row (10 index digits, 8 hash digits). Building the rows as
// strings instead ran at ~230 MB/s of CPU, the bottleneck of a 500 MB StreamThreadResult.
// bigJson.test.ts keeps the string version as the definition these bytes are compared with.
import { hash32, prng } from "./random.js";
import type { GenSpec } from "./model.js";

export const ROW_BYTES = 256;
/** A row and the comma after it (every row but the last has one). */
const ROW_STRIDE = ROW_BYTES + 1;
const ROW_INDEX_AT = '{"i":"'.length;
const ROW_HASH_AT = '{"i":"0000000000","h":"'.length;
const ROW_PREFIX_BYTES = '{"i":"0000000000","h":"00000000","v":"'.length;
const ROW_SUFFIX = '"}';
export const FILLER_BYTES = ROW_BYTES - ROW_PREFIX_BYTES - ROW_SUFFIX.length;
export const PATTERN_BYTES = 4096;
const WORDS = ["ledger", "invoice", "amount", "region", "north", "south", "total", "batch", "sku", "export", "quarter", "vendor"];

export interface ByteSource {
  size: number;
  /** Bytes [start, end) of the document. */
  read(start: number, end: number): Uint8Array;
  /** The same bytes written into `out` from its start (a RangeError when they do not fit);
   *  returns how many. For sources that would otherwise allocate on every read. */
  readInto?(out: Uint8Array, start: number, end: number): number;
}

export interface BigJsonLayout {
  header: string;
  rows: number;
  pad: number;
  footerStart: string;
  size: number;
}

export function bigJsonLayout(spec: GenSpec): BigJsonLayout {
  const header = `{"label":${JSON.stringify(spec.label)},"seed":${JSON.stringify(spec.seed)},"rows":[`;
  const footerStart = '],"pad":"';
  const fixed = header.length + footerStart.length + 2; // + '"}'
  const target = Math.max(spec.bytes, fixed);
  // n rows take n*ROW_BYTES + (n-1) commas.
  const rows = target - fixed >= ROW_BYTES ? Math.floor((target - fixed + 1) / (ROW_BYTES + 1)) : 0;
  const used = fixed + (rows > 0 ? rows * ROW_BYTES + rows - 1 : 0);
  return { header, rows, pad: target - used, footerStart, size: target };
}

/** The exact size the generator produces for this spec (at least its fixed header). */
export function genSize(spec: GenSpec): number {
  return bigJsonLayout(spec).size;
}

/** A spec whose `bytes` is exactly what will be generated. */
export function normalizeGenSpec(spec: GenSpec): GenSpec {
  return { ...spec, bytes: genSize(spec) };
}

/** The hash both the pattern and every row's "h" derive from. */
export function seedHashOf(spec: GenSpec): number {
  return hash32(spec.seed + "/" + spec.label);
}

/** The word pattern fillers are cut from: at least PATTERN_BYTES + FILLER_BYTES characters. */
export function fillerPattern(seedHash: number): string {
  const rand = prng(seedHash);
  let pattern = "";
  while (pattern.length < PATTERN_BYTES + FILLER_BYTES) {
    pattern += (WORDS[Math.floor(rand() * WORDS.length)] ?? "x") + " ";
  }
  return pattern;
}

/** Where row i's filler starts in the pattern: a function of i mod 4096 (4096 divides 2^32). */
export function fillerOffset(i: number): number {
  return (Math.imul(i, 2654435761) >>> 0) % PATTERN_BYTES;
}

/** A row with its comma: right except for the filler and the index and hash digits. */
const template = Buffer.from(`{"i":"0000000000","h":"00000000","v":"${" ".repeat(FILLER_BYTES)}${ROW_SUFFIX},`, "latin1");

/** Rows per block: fillerOffset repeats with this period. */
const BLOCK_ROWS = PATTERN_BYTES;

/** 4096 rows with their commas, right except for the index and hash digits. */
function buildRowBlock(seedHash: number): Buffer {
  const pattern = Buffer.from(fillerPattern(seedHash), "latin1");
  const block = Buffer.allocUnsafe(BLOCK_ROWS * ROW_STRIDE);
  for (let r = 0; r < BLOCK_ROWS; r++) {
    const at = r * ROW_STRIDE;
    template.copy(block, at);
    const off = fillerOffset(r);
    pattern.copy(block, at + ROW_PREFIX_BYTES, off, off + FILLER_BYTES);
  }
  return block;
}

/** A few seeds' blocks (1 MiB each): a download reads thousands of chunks of the same seed. */
const blocks = new Map<number, Buffer>();
const MAX_BLOCKS = 4;

function rowBlockOf(seedHash: number): Buffer {
  let block = blocks.get(seedHash);
  if (block !== undefined) {
    blocks.delete(seedHash);
  } else {
    block = buildRowBlock(seedHash);
    if (blocks.size >= MAX_BLOCKS) blocks.delete(blocks.keys().next().value as number);
  }
  blocks.set(seedHash, block);
  return block;
}

const HEX = Buffer.from("0123456789abcdef", "latin1");
const ZERO = 48;
const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The per-row fields of consecutive rows: the index as 10 zero-padded digits and hash32 of its
 * unpadded decimal form. Advancing by one changes the last digit (and now and then carries), so
 * the hash of every digit but the last is kept and only the last is hashed per row.
 */
class RowFields {
  private readonly digits = new Uint8Array(10);
  /** Index of the first significant digit (9 for 0..9). */
  private first = 9;
  /** hash32's state after the significant digits but the last. */
  private prefixHash = FNV_BASIS;

  constructor(i: number) {
    let n = i;
    for (let p = 9; p >= 0; p--) {
      this.digits[p] = ZERO + (n % 10);
      n = Math.floor(n / 10);
    }
    this.rehash();
  }

  private rehash(): void {
    let first = 0;
    while (first < 9 && this.digits[first] === ZERO) first++;
    this.first = first;
    let h = FNV_BASIS;
    for (let p = first; p < 9; p++) h = Math.imul(h ^ (this.digits[p] as number), FNV_PRIME);
    this.prefixHash = h;
  }

  next(): void {
    let p = 9;
    while (p >= 0 && this.digits[p] === ZERO + 9) this.digits[p--] = ZERO;
    if (p >= 0) this.digits[p] = (this.digits[p] as number) + 1;
    if (p < 9) this.rehash();
  }

  /** Writes the fields into a row that starts at `at`. */
  write(out: Uint8Array, at: number, seedHash: number): void {
    const d = this.digits;
    const to = at + ROW_INDEX_AT;
    for (let k = 0; k < 10; k++) out[to + k] = d[k] as number;
    let h = ((Math.imul(this.prefixHash ^ (d[9] as number), FNV_PRIME) >>> 0) ^ seedHash) >>> 0;
    const hashAt = at + ROW_HASH_AT;
    for (let k = 7; k >= 0; k--) {
      out[hashAt + k] = HEX[h & 15] as number;
      h >>>= 4;
    }
  }
}

export function bigJsonSource(spec: GenSpec): ByteSource {
  const layout = bigJsonLayout(spec);
  const seedHash = seedHashOf(spec);
  const header = Buffer.from(layout.header, "latin1");
  const tail = Buffer.from(layout.footerStart + "x".repeat(layout.pad) + '"}', "latin1");
  const rowsStart = header.length;
  const rowsBytes = layout.rows > 0 ? layout.rows * ROW_STRIDE - 1 : 0;
  const footerAt = rowsStart + rowsBytes;

  const clamp = (start: number, end: number): [number, number] => {
    const s = Math.max(0, Math.min(start, layout.size));
    return [s, Math.max(s, Math.min(end, layout.size))];
  };
  const fill = (target: Buffer, s: number, e: number): void => {
    if (s < rowsStart) header.copy(target, 0, s, Math.min(e, rowsStart));
    if (e > rowsStart && s < footerAt) {
      const from = Math.max(s, rowsStart);
      writeRows(target, from - s, from - rowsStart, Math.min(e, footerAt) - rowsStart, seedHash);
    }
    if (e > footerAt) {
      const from = Math.max(s, footerAt);
      tail.copy(target, from - s, from - footerAt, e - footerAt);
    }
  };
  return {
    size: layout.size,
    read(start, end) {
      const [s, e] = clamp(start, end);
      const out = Buffer.allocUnsafe(e - s);
      fill(out, s, e);
      return out;
    },
    readInto(out, start, end) {
      const [s, e] = clamp(start, end);
      if (e - s > out.length) throw new RangeError(`readInto: ${e - s} bytes do not fit in ${out.length}`);
      fill(Buffer.from(out.buffer, out.byteOffset, e - s), s, e);
      return e - s;
    },
  };
}

const scratch = Buffer.from(template);

/** Writes bytes [rs, re) of the rows region (offsets from its start) into out at `at`. */
function writeRows(out: Buffer, at: number, rs: number, re: number, seedHash: number): void {
  const block = rowBlockOf(seedHash);
  // The block's bytes, repeated: right everywhere but the index and hash digits. The last row's
  // comma is never copied: the rows region ends before it.
  for (let p = rs; p < re; ) {
    const from = p % block.length;
    const n = Math.min(re - p, block.length - from);
    block.copy(out, at + (p - rs), from, from + n);
    p += n;
  }
  // The digits. Rows whose digits lie wholly in the range are written in place; the (at most
  // two) rows cut by the range's ends go through a scratch row.
  const fieldsEnd = ROW_HASH_AT + 8;
  const first = Math.floor(rs / ROW_STRIDE);
  const last = Math.floor((re - 1) / ROW_STRIDE);
  const fields = new RowFields(first);
  for (let i = first; i <= last; i++, fields.next()) {
    const rowAt = i * ROW_STRIDE;
    if (rowAt + ROW_INDEX_AT >= rs && rowAt + fieldsEnd <= re) {
      fields.write(out, at + (rowAt - rs), seedHash);
      continue;
    }
    const from = Math.max(rs, rowAt + ROW_INDEX_AT);
    const to = Math.min(re, rowAt + fieldsEnd);
    if (from >= to) continue;
    fields.write(scratch, 0, seedHash);
    scratch.copy(out, at + (from - rs), from - rowAt, to - rowAt);
  }
}

/** Chunks of at most `max` bytes, in order. */
export function* chunksOf(source: ByteSource, max: number): Generator<Uint8Array> {
  for (let at = 0; at < source.size; at += max) yield source.read(at, Math.min(source.size, at + max));
}
