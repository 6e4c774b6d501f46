// Reassembles chunked payloads (OutputChunk, StepDataChunk) by chunk_index, from 0. Chunks may come
// out of order or twice; the final chunk may never come. Contiguous chunks are released as soon as
// they can be (take), so a writer streams them to disk and memory holds only what is out of order.

export type ChunkVerdict = "accepted" | "duplicate" | "conflict";

export interface ChunkProgress {
  /** Bytes of distinct chunks received. */
  receivedBytes: number;
  /** Bytes released by take(), in order. */
  releasedBytes: number;
  /** The index of the chunk marked final, or -1 while unknown. */
  finalIndex: number;
  /** Everything up to the final chunk is released. */
  complete: boolean;
  /** Indices below the final (or the highest seen) that have not arrived. */
  missing: number[];
}

export class ChunkAssembler {
  private readonly pending = new Map<number, Uint8Array>();
  private readonly releasedLengths: number[] = [];
  private nextIndex = 0;
  private finalIndex = -1;
  private highest = -1;
  private received = 0;
  private released = 0;

  add(index: number, data: Uint8Array, isFinal: boolean): ChunkVerdict {
    if (!Number.isSafeInteger(index) || index < 0) return "conflict";
    if (!this.fitsFinal(index, isFinal)) return "conflict";
    const earlier =
      index < this.nextIndex ? this.releasedLengths[index] : this.pending.get(index)?.length;
    if (earlier !== undefined) {
      if (earlier !== data.length) return "conflict";
      if (index >= this.nextIndex && !sameBytes(this.pending.get(index), data)) return "conflict";
      return "duplicate";
    }
    this.pending.set(index, data);
    this.received += data.length;
    if (index > this.highest) this.highest = index;
    return "accepted";
  }

  /**
   * The next chunk in order was delivered elsewhere (results/outputTap.ts wrote its bytes): it
   * counts as received and released. False when `index` is not the next chunk or conflicts.
   */
  releasedElsewhere(index: number, length: number, isFinal: boolean): boolean {
    if (index !== this.nextIndex || this.pending.has(index)) return false;
    if (!this.fitsFinal(index, isFinal)) return false;
    this.releasedLengths[index] = length;
    this.received += length;
    this.released += length;
    if (index > this.highest) this.highest = index;
    this.nextIndex++;
    return true;
  }

  /** Records a final chunk; false when `index` contradicts the final chunk known so far. */
  private fitsFinal(index: number, isFinal: boolean): boolean {
    if (isFinal) {
      if (this.finalIndex !== -1 && this.finalIndex !== index) return false;
      this.finalIndex = index;
    }
    return this.finalIndex === -1 || index <= this.finalIndex;
  }

  /** The chunks that are now contiguous with what was released before, in order. */
  take(): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (;;) {
      const chunk = this.pending.get(this.nextIndex);
      if (chunk === undefined) break;
      this.pending.delete(this.nextIndex);
      this.releasedLengths[this.nextIndex] = chunk.length;
      this.released += chunk.length;
      this.nextIndex++;
      out.push(chunk);
    }
    return out;
  }

  get bufferedBytes(): number {
    return this.received - this.released;
  }

  progress(): ChunkProgress {
    const last = this.finalIndex !== -1 ? this.finalIndex : this.highest;
    const missing: number[] = [];
    for (let i = this.nextIndex; i <= last && missing.length < 100; i++) {
      if (!this.pending.has(i)) missing.push(i);
    }
    return {
      receivedBytes: this.received,
      releasedBytes: this.released,
      finalIndex: this.finalIndex,
      complete: this.finalIndex !== -1 && this.nextIndex > this.finalIndex,
      missing,
    };
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface ReassembledPayload {
  data: Uint8Array;
  complete: boolean;
  missing: number[];
}

/** Whole-payload convenience for small payloads: all chunks in, the in-order prefix out. */
export function reassemble(
  chunks: ReadonlyArray<{ index: number; data: Uint8Array; isFinal: boolean }>,
): ReassembledPayload {
  const asm = new ChunkAssembler();
  for (const c of chunks) asm.add(c.index, c.data, c.isFinal);
  const data = concatBytes(asm.take());
  const { complete, missing } = asm.progress();
  return { data, complete, missing };
}
