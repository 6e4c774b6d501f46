// outputChunks: the chunks of a thread's output for StreamThreadResult, and the reuse of chunk
// buffers for generated outputs (the contract Connect's serialization relies on).
import { describe, expect, it } from "vitest";
import { bigJsonSource, normalizeGenSpec, type ByteSource } from "./bigJson.js";
import { OUTPUT_RING_SLOTS, outputChunks } from "./results.js";

const generated = (bytes: number): ByteSource => bigJsonSource(normalizeGenSpec({ seed: "thr_chunks", bytes, label: "big-export" }));

describe("outputChunks", () => {
  it("gives every byte once, in chunks of at most max, when each chunk is copied as it comes", () => {
    for (const [bytes, max] of [
      [1_000_000, 65_536],
      [65_536, 65_536],
      [300, 65_536],
    ] as const) {
      const src = generated(bytes);
      const copies: Buffer[] = [];
      for (const chunk of outputChunks(src, max)) copies.push(Buffer.from(chunk));
      expect(copies.every((c) => c.length <= max)).toBe(true);
      expect(copies.length).toBe(Math.ceil(src.size / max));
      expect(Buffer.concat(copies).equals(Buffer.from(src.read(0, src.size)))).toBe(true);
    }
  });

  it("reuses a generated output's chunk buffers in turn: a chunk is only valid until the ring comes round", () => {
    const src = generated(1_000_000);
    const chunks = [...outputChunks(src, 65_536)];
    expect(chunks[0]?.buffer).toBe(chunks[OUTPUT_RING_SLOTS]?.buffer);
    expect(new Set(chunks.slice(0, OUTPUT_RING_SLOTS).map((c) => c.buffer)).size).toBe(OUTPUT_RING_SLOTS);
  });

  it("hands over a stored output's bytes as they are read (no ring)", () => {
    const bytes = Buffer.from('{"a":1}'.repeat(20_000));
    const src: ByteSource = { size: bytes.length, read: (s, e) => bytes.subarray(s, e) };
    const chunks = [...outputChunks(src, 65_536)];
    expect(new Set(chunks.map((c) => c.byteOffset)).size).toBe(chunks.length);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it("gives one empty chunk for an empty output", () => {
    const src: ByteSource = { size: 0, read: () => new Uint8Array() };
    expect([...outputChunks(src, 65_536)].map((c) => c.length)).toEqual([0]);
  });
});
