// Deterministic big JSON documents, generated slice by slice: the same (seed, bytes, label)
// always gives the same bytes, any range can be produced without producing what comes before
// it, and nothing is ever held whole in memory or in SQLite.
//
// Layout (every row has the same length, so offsets are arithmetic):
//   {"label":"…","seed":"…","rows":[ROW,ROW,…,ROW],"pad":"xxxx"}
//   ROW = {"i":"0000000042","h":"1a2b3c4d","v":"<filler of fixed length>"}
import { hash32, prng } from "./random.js";
import type { GenSpec } from "./model.js";

const ROW_BYTES = 256;
const ROW_PREFIX_BYTES = '{"i":"0000000000","h":"00000000","v":"'.length;
const ROW_SUFFIX = '"}';
const FILLER_BYTES = ROW_BYTES - ROW_PREFIX_BYTES - ROW_SUFFIX.length;
const PATTERN_BYTES = 4096;
const WORDS = ["ledger", "invoice", "amount", "region", "north", "south", "total", "batch", "sku", "export", "quarter", "vendor"];

export interface ByteSource {
  size: number;
  /** Bytes [start, end) of the document. */
  read(start: number, end: number): Uint8Array;
}

interface Layout {
  header: string;
  rows: number;
  pad: number;
  footerStart: string;
  size: number;
}

function layoutOf(spec: GenSpec): Layout {
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
  return layoutOf(spec).size;
}

/** A spec whose `bytes` is exactly what will be generated. */
export function normalizeGenSpec(spec: GenSpec): GenSpec {
  return { ...spec, bytes: genSize(spec) };
}

export function bigJsonSource(spec: GenSpec): ByteSource {
  const layout = layoutOf(spec);
  const seedHash = hash32(spec.seed + "/" + spec.label);
  const rand = prng(seedHash);
  let pattern = "";
  while (pattern.length < PATTERN_BYTES + FILLER_BYTES) {
    pattern += (WORDS[Math.floor(rand() * WORDS.length)] ?? "x") + " ";
  }
  const rowsStart = layout.header.length;
  const rowsBytes = layout.rows > 0 ? layout.rows * (ROW_BYTES + 1) - 1 : 0;
  const footerAt = rowsStart + rowsBytes;
  const footer = layout.footerStart;

  function row(i: number): string {
    const h = (hash32(String(i)) ^ seedHash) >>> 0;
    const off = (Math.imul(i, 2654435761) >>> 0) % PATTERN_BYTES;
    return (
      '{"i":"' +
      String(i).padStart(10, "0") +
      '","h":"' +
      h.toString(16).padStart(8, "0") +
      '","v":"' +
      pattern.slice(off, off + FILLER_BYTES) +
      ROW_SUFFIX
    );
  }

  function tail(start: number, end: number): string {
    // The footer: '],"pad":"' + 'x' * pad + '"}'
    const full = footer.length + layout.pad + 2;
    let out = "";
    for (let p = start; p < Math.min(end, full); ) {
      if (p < footer.length) {
        const e = Math.min(end, footer.length);
        out += footer.slice(p, e);
        p = e;
      } else if (p < footer.length + layout.pad) {
        const e = Math.min(end, footer.length + layout.pad);
        out += "x".repeat(e - p);
        p = e;
      } else {
        const e = Math.min(end, full);
        out += '"}'.slice(p - footer.length - layout.pad, e - footer.length - layout.pad);
        p = e;
      }
    }
    return out;
  }

  return {
    size: layout.size,
    read(start, end) {
      const s = Math.max(0, Math.min(start, layout.size));
      const e = Math.max(s, Math.min(end, layout.size));
      const parts: string[] = [];
      if (s < rowsStart) parts.push(layout.header.slice(s, Math.min(e, rowsStart)));
      if (e > rowsStart && s < footerAt) {
        const rs = Math.max(s, rowsStart) - rowsStart;
        const re = Math.min(e, footerAt) - rowsStart;
        const stride = ROW_BYTES + 1;
        let i = Math.floor(rs / stride);
        let p = rs;
        while (p < re) {
          const rowText = i < layout.rows - 1 ? row(i) + "," : row(i);
          const base = i * stride;
          parts.push(rowText.slice(p - base, Math.min(re - base, rowText.length)));
          p = Math.min(re, base + stride);
          i++;
        }
      }
      if (e > footerAt) parts.push(tail(Math.max(s, footerAt) - footerAt, e - footerAt));
      return Buffer.from(parts.join(""), "latin1");
    },
  };
}

/** Chunks of at most `max` bytes, in order. */
export function* chunksOf(source: ByteSource, max: number): Generator<Uint8Array> {
  for (let at = 0; at < source.size; at += max) yield source.read(at, Math.min(source.size, at + max));
}
