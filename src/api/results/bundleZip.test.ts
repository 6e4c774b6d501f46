import { describe, expect, it } from "vitest";
import { unzipSync } from "fflate";
import { concatBytes } from "../steps/chunkAssembler";
import { crc32, ZipEntryTable, ZipStream } from "./bundleZip";

const enc = new TextEncoder();
const dec = new TextDecoder();

function collect(): { write: (b: Uint8Array) => Promise<void>; bytes: () => Uint8Array; parts: Uint8Array[] } {
  const parts: Uint8Array[] = [];
  return { parts, write: async (b) => void parts.push(b), bytes: () => concatBytes(parts) };
}

describe("crc32", () => {
  it("is the zip CRC-32, also when fed in pieces", () => {
    expect(crc32(enc.encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(enc.encode("6789"), crc32(enc.encode("12345")))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe("ZipEntryTable", () => {
  it("keeps ~25 bytes an entry for the central directory and gives the names back in order", () => {
    const t = new ZipEntryTable();
    const names: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const name = `steps/${1 + Math.floor(i / 10_000)}.${Math.floor(i / 100) % 100}.${i % 100}.json`;
      names.push(name);
      t.finish(t.add(enc.encode(name), i * 300), i, i % 1000);
    }
    // Pages included: 4 pages of 65,536 entries × 16 bytes + 2 MiB of names.
    expect(t.bytesHeld() / t.count).toBeLessThan(40);
    const back = Array.from(t.names(), (n) => dec.decode(n));
    expect(back.length).toBe(200_000);
    expect(back.every((n, i) => n === names[i])).toBe(true);
    expect(t.crc(123_456)).toBe(123_456);
    expect(t.size(123_456)).toBe(456);
    expect(t.offset(123_456)).toBe(123_456 * 300);
  });
});

describe("ZipStream", () => {
  it("writes entries one after another into a zip that unzips to the same bytes", async () => {
    const out = collect();
    const zip = new ZipStream(out.write, Date.UTC(2026, 0, 2, 3, 4, 6));
    const a = zip.open("output.json");
    await a.write(enc.encode('{"a":'));
    await a.write(enc.encode("1}"));
    await a.close();
    const big = new Uint8Array(600_000);
    for (let i = 0; i < big.length; i++) big[i] = i % 251;
    const b = zip.open("steps/1.2.0.output.json");
    await b.write(big);
    await b.close();
    const c = zip.open("steps/é.json");
    await c.close();
    await zip.close();
    const files = unzipSync(out.bytes());
    expect(Object.keys(files)).toEqual(["output.json", "steps/1.2.0.output.json", "steps/é.json"]);
    expect(dec.decode(files["output.json"])).toBe('{"a":1}');
    const got = files["steps/1.2.0.output.json"] ?? new Uint8Array(0);
    expect(got.length === big.length && got.every((x, i) => x === big[i])).toBe(true);
    expect(files["steps/é.json"]?.length).toBe(0);
  });

  it("an entry opened while another is open waits its turn", async () => {
    const out = collect();
    const zip = new ZipStream(out.write);
    const first = zip.open("a.json");
    await first.write(enc.encode("A1"));
    const second = zip.open("b.json");
    await second.write(enc.encode("B"));
    expect(zip.openEntries).toBe(2);
    await second.close();
    await first.write(enc.encode("A2"));
    await first.close();
    expect(zip.openEntries).toBe(0);
    await zip.close();
    const files = unzipSync(out.bytes());
    expect(dec.decode(files["a.json"])).toBe("A1A2");
    expect(dec.decode(files["b.json"])).toBe("B");
  });

  it("past 65,535 entries it writes the ZIP64 end records, and every entry is there", async () => {
    const out = collect();
    const zip = new ZipStream(out.write);
    const n = 70_000;
    for (let i = 0; i < n; i++) {
      const f = zip.open(`steps/${i}.json`);
      await f.write(enc.encode(`{"i":${i}}\n`));
      await f.close();
    }
    await zip.close();
    const bytes = out.bytes();
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toHaveLength(n);
    expect(dec.decode(files["steps/69999.json"])).toBe('{"i":69999}\n');
    // The ZIP64 end-of-central-directory locator sits just before the classic end record.
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(v.getUint32(bytes.length - 22, true)).toBe(0x06054b50);
    expect(v.getUint32(bytes.length - 42, true)).toBe(0x07064b50);
    // Blocks, not one write per header or file: a few hundred KiB each.
    expect(out.parts.length).toBeLessThan(bytes.length / (100 * 1024));
  });
});
