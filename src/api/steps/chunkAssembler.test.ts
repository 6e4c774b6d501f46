import { describe, expect, it } from "vitest";
import { ChunkAssembler, concatBytes, reassemble } from "./chunkAssembler";

const b = (s: string) => new TextEncoder().encode(s);
const text = (parts: Uint8Array[]) => new TextDecoder().decode(concatBytes(parts));

describe("ChunkAssembler", () => {
  it("releases chunks in index order when they arrive out of order", () => {
    const asm = new ChunkAssembler();
    expect(asm.add(2, b("c"), true)).toBe("accepted");
    expect(asm.take()).toEqual([]);
    asm.add(0, b("a"), false);
    expect(text(asm.take())).toBe("a");
    expect(asm.bufferedBytes).toBe(1);
    asm.add(1, b("b"), false);
    expect(text(asm.take())).toBe("bc");
    expect(asm.progress()).toMatchObject({ complete: true, missing: [], releasedBytes: 3, finalIndex: 2 });
  });

  it("ignores exact duplicates, before and after release, and flags conflicting ones", () => {
    const asm = new ChunkAssembler();
    asm.add(0, b("aa"), false);
    expect(asm.add(0, b("aa"), false)).toBe("duplicate");
    expect(asm.add(0, b("ab"), false)).toBe("conflict");
    asm.take();
    expect(asm.add(0, b("aa"), false)).toBe("duplicate");
    expect(asm.add(0, b("aaa"), false)).toBe("conflict");
    asm.add(1, b("z"), true);
    expect(text(asm.take())).toBe("z");
    expect(asm.progress().receivedBytes).toBe(3);
  });

  it("reports a missing final chunk as incomplete", () => {
    const r = reassemble([
      { index: 0, data: b("x"), isFinal: false },
      { index: 1, data: b("y"), isFinal: false },
    ]);
    expect(new TextDecoder().decode(r.data)).toBe("xy");
    expect(r.complete).toBe(false);
  });

  it("names the chunks that never came, and stops at the gap", () => {
    const r = reassemble([
      { index: 0, data: b("x"), isFinal: false },
      { index: 3, data: b("w"), isFinal: true },
      { index: 2, data: b("z"), isFinal: false },
    ]);
    expect(new TextDecoder().decode(r.data)).toBe("x");
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual([1]);
  });

  it("refuses chunks past the final one and a second, different final", () => {
    const asm = new ChunkAssembler();
    asm.add(1, b("b"), true);
    expect(asm.add(2, b("c"), false)).toBe("conflict");
    expect(asm.add(0, b("a"), true)).toBe("conflict");
    expect(asm.add(-1, b("a"), false)).toBe("conflict");
  });
});
