// A streamed zip for "Save bundle": stored (uncompressed) entries written to a ByteSink as they
// come, each followed by a data descriptor (its CRC and size are known only at its end), and a
// central directory at the end. Nothing of an entry's data is kept once it is written: what the
// central directory needs is kept per entry in typed-array pages (CRC, size, offset: 16 bytes)
// and the names front-coded against the previous one (a step file's name shares most of its bytes
// with the one before: ~8 bytes). About 25 bytes an entry: ~25 MB for 1,000,000 step files.
// More than 65,535 entries, or a directory past 4 GiB, get the ZIP64 end records; one entry is
// limited to 4 GiB - 1 bytes (no ZIP64 local headers).

/** Entries per page of the per-entry arrays. */
const PAGE_ENTRIES = 1 << 16;
/** Bytes per page of the front-coded names. */
const NAME_PAGE_BYTES = 1 << 20;
/** Output is gathered into blocks of this size before it goes to the sink. */
const BLOCK_BYTES = 256 * 1024;
const MAX_ENTRY_BYTES = 0xffffffff;

const CRC_TABLE = (() => {
  const t = new Int32Array(256 * 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n] as number;
    for (let k = 1; k < 4; k++) {
      c = (t[c & 0xff] as number) ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

/** CRC-32 (the zip one) of bytes, continuing from crc (0 to start). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  const t = CRC_TABLE;
  let c = ~crc;
  let i = 0;
  const n = bytes.length;
  for (; i + 4 <= n; i += 4) {
    c ^= (bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24);
    c =
      (t[768 + (c & 0xff)] as number) ^
      (t[512 + ((c >>> 8) & 0xff)] as number) ^
      (t[256 + ((c >>> 16) & 0xff)] as number) ^
      (t[c >>> 24] as number);
  }
  for (; i < n; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** MS-DOS date and time (local time, 2-second steps) as the zip stores them: date << 16 | time. */
export function dosDateTime(ms: number): number {
  const d = new Date(ms);
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  const date = ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  return ((date << 16) | time) >>> 0;
}

/**
 * What the central directory needs of every entry, compact: CRC, size and offset in typed-array
 * pages, names front-coded (shared-prefix length, suffix length, suffix bytes) in byte pages.
 */
export class ZipEntryTable {
  count = 0;
  private crcs: Uint32Array[] = [];
  private sizes: Uint32Array[] = [];
  private offsets: Float64Array[] = [];
  private namePages: Uint8Array[] = [];
  private nameUsed = 0;
  private prev: Uint8Array = new Uint8Array(0);

  /** Adds an entry; returns its index. */
  add(name: Uint8Array, offset: number): number {
    const i = this.count++;
    if ((i & (PAGE_ENTRIES - 1)) === 0) {
      this.crcs.push(new Uint32Array(PAGE_ENTRIES));
      this.sizes.push(new Uint32Array(PAGE_ENTRIES));
      this.offsets.push(new Float64Array(PAGE_ENTRIES));
    }
    (this.offsets[i >>> 16] as Float64Array)[i & 0xffff] = offset;
    const prev = this.prev;
    let shared = 0;
    const max = Math.min(prev.length, name.length);
    while (shared < max && prev[shared] === name[shared]) shared++;
    this.putVarint(shared);
    this.putVarint(name.length - shared);
    this.putBytes(name.subarray(shared));
    this.prev = name;
    return i;
  }

  finish(i: number, crc: number, size: number): void {
    (this.crcs[i >>> 16] as Uint32Array)[i & 0xffff] = crc;
    (this.sizes[i >>> 16] as Uint32Array)[i & 0xffff] = size;
  }

  crc(i: number): number {
    return (this.crcs[i >>> 16] as Uint32Array)[i & 0xffff] as number;
  }
  size(i: number): number {
    return (this.sizes[i >>> 16] as Uint32Array)[i & 0xffff] as number;
  }
  offset(i: number): number {
    return (this.offsets[i >>> 16] as Float64Array)[i & 0xffff] as number;
  }

  /** Bytes held (the typed arrays' full pages included). */
  bytesHeld(): number {
    return this.crcs.length * PAGE_ENTRIES * 16 + this.namePages.length * NAME_PAGE_BYTES;
  }

  /** The names in entry order (decoded one after another). */
  *names(): Generator<Uint8Array> {
    let page = 0;
    let pos = 0;
    const byte = (): number => {
      if (pos === NAME_PAGE_BYTES) {
        page++;
        pos = 0;
      }
      return (this.namePages[page] as Uint8Array)[pos++] as number;
    };
    const varint = (): number => {
      let v = 0;
      for (let shift = 0; ; shift += 7) {
        const b = byte();
        v += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) return v;
      }
    };
    let prev = new Uint8Array(0);
    for (let i = 0; i < this.count; i++) {
      const shared = varint();
      const len = varint();
      const name = new Uint8Array(shared + len);
      name.set(prev.subarray(0, shared));
      for (let k = 0; k < len; k++) name[shared + k] = byte();
      prev = name;
      yield name;
    }
  }

  private putByte(b: number): void {
    if (this.nameUsed % NAME_PAGE_BYTES === 0 && this.nameUsed / NAME_PAGE_BYTES === this.namePages.length) {
      this.namePages.push(new Uint8Array(NAME_PAGE_BYTES));
    }
    (this.namePages[Math.floor(this.nameUsed / NAME_PAGE_BYTES)] as Uint8Array)[this.nameUsed % NAME_PAGE_BYTES] = b;
    this.nameUsed++;
  }
  private putVarint(v: number): void {
    while (v >= 0x80) {
      this.putByte((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.putByte(v);
  }
  private putBytes(b: Uint8Array): void {
    for (let k = 0; k < b.length; k++) this.putByte(b[k] as number);
  }
}

/** Gathers small writes into blocks; each full block goes to `out` (a new block each time). */
class BlockWriter {
  private block = new Uint8Array(BLOCK_BYTES);
  private used = 0;
  /** Bytes written so far (flushed or not). */
  position = 0;
  constructor(private readonly out: (bytes: Uint8Array) => Promise<void>) {}

  async write(bytes: Uint8Array): Promise<void> {
    this.position += bytes.length;
    let from = 0;
    while (from < bytes.length) {
      if (this.used === 0 && bytes.length - from >= BLOCK_BYTES) {
        // A big piece goes as it is (copied: the caller may reuse it).
        await this.out(bytes.slice(from));
        return;
      }
      const n = Math.min(BLOCK_BYTES - this.used, bytes.length - from);
      this.block.set(bytes.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
      if (this.used === BLOCK_BYTES) await this.flush();
    }
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.used === BLOCK_BYTES ? this.block : this.block.slice(0, this.used);
    this.block = new Uint8Array(BLOCK_BYTES);
    this.used = 0;
    await this.out(full);
  }
}

const enc = new TextEncoder();
const FLAGS = 0x0808; // bit 3: sizes and CRC in a data descriptor; bit 11: UTF-8 names

function localHeader(name: Uint8Array, dos: number): Uint8Array {
  const h = new Uint8Array(30 + name.length);
  const v = new DataView(h.buffer);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, FLAGS, true);
  v.setUint16(8, 0, true); // stored
  v.setUint16(10, dos & 0xffff, true);
  v.setUint16(12, dos >>> 16, true);
  // CRC, sizes: 0 here, in the data descriptor
  v.setUint16(26, name.length, true);
  v.setUint16(28, 0, true);
  h.set(name, 30);
  return h;
}

function dataDescriptor(crc: number, size: number): Uint8Array {
  const d = new Uint8Array(16);
  const v = new DataView(d.buffer);
  v.setUint32(0, 0x08074b50, true);
  v.setUint32(4, crc, true);
  v.setUint32(8, size, true);
  v.setUint32(12, size, true);
  return d;
}

function centralHeader(name: Uint8Array, dos: number, crc: number, size: number, offset: number): Uint8Array {
  const zip64 = offset >= 0xffffffff;
  const extra = zip64 ? 12 : 0;
  const h = new Uint8Array(46 + name.length + extra);
  const v = new DataView(h.buffer);
  v.setUint32(0, 0x02014b50, true);
  v.setUint16(4, zip64 ? 45 : 20, true); // made by (MS-DOS attributes)
  v.setUint16(6, zip64 ? 45 : 20, true);
  v.setUint16(8, FLAGS, true);
  v.setUint16(10, 0, true);
  v.setUint16(12, dos & 0xffff, true);
  v.setUint16(14, dos >>> 16, true);
  v.setUint32(16, crc, true);
  v.setUint32(20, size, true);
  v.setUint32(24, size, true);
  v.setUint16(28, name.length, true);
  v.setUint16(30, extra, true);
  // comment length, disk, internal and external attributes: 0
  v.setUint32(42, zip64 ? 0xffffffff : offset, true);
  h.set(name, 46);
  if (zip64) {
    const e = 46 + name.length;
    v.setUint16(e, 1, true);
    v.setUint16(e + 2, 8, true);
    v.setBigUint64(e + 4, BigInt(offset), true);
  }
  return h;
}

function endRecords(count: number, cdOffset: number, cdSize: number): Uint8Array {
  const zip64 = count > 0xffff || cdOffset >= 0xffffffff || cdSize >= 0xffffffff;
  const out = new Uint8Array((zip64 ? 56 + 20 : 0) + 22);
  const v = new DataView(out.buffer);
  let p = 0;
  if (zip64) {
    v.setUint32(0, 0x06064b50, true);
    v.setBigUint64(4, 44n, true);
    v.setUint16(12, 45, true);
    v.setUint16(14, 45, true);
    // disk numbers: 0
    v.setBigUint64(24, BigInt(count), true);
    v.setBigUint64(32, BigInt(count), true);
    v.setBigUint64(40, BigInt(cdSize), true);
    v.setBigUint64(48, BigInt(cdOffset), true);
    v.setUint32(56, 0x07064b50, true);
    v.setUint32(60, 0, true);
    v.setBigUint64(64, BigInt(cdOffset + cdSize), true);
    v.setUint32(72, 1, true);
    p = 76;
  }
  v.setUint32(p, 0x06054b50, true);
  v.setUint16(p + 8, Math.min(count, 0xffff), true);
  v.setUint16(p + 10, Math.min(count, 0xffff), true);
  v.setUint32(p + 12, Math.min(cdSize, 0xffffffff), true);
  v.setUint32(p + 16, Math.min(cdOffset, 0xffffffff), true);
  return out;
}

export interface ZipEntryWriter {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/**
 * The zip stream. One entry is written at a time; an entry opened while another is still open
 * keeps its bytes until its turn (saveBundle opens one at a time, so nothing waits there).
 */
export class ZipStream {
  readonly entries = new ZipEntryTable();
  private readonly out: BlockWriter;
  private readonly dos: number;
  private active: Pending | null = null;
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(write: (bytes: Uint8Array) => Promise<void>, mtimeMs = Date.now()) {
    this.out = new BlockWriter(write);
    this.dos = dosDateTime(mtimeMs);
  }

  /** Entries started but not yet written out (the active one included). */
  get openEntries(): number {
    return (this.active === null ? 0 : 1) + this.queue.length;
  }

  open(path: string): ZipEntryWriter {
    if (this.closed) throw new Error("The zip is closed.");
    const p: Pending = { name: enc.encode(path), buffered: [], closed: false, index: -1, crc: 0, size: 0 };
    if (this.active === null) this.active = p;
    else this.queue.push(p);
    const start = () => this.start(p);
    return {
      write: async (bytes) => {
        if (p.closed) throw new Error("The zip entry is closed.");
        if (this.active !== p) {
          p.buffered.push(bytes.slice());
          return;
        }
        await start();
        await this.data(p, bytes);
      },
      close: async () => {
        if (p.closed) return;
        p.closed = true;
        if (this.active !== p) return;
        await start();
        await this.end(p);
      },
    };
  }

  private async start(p: Pending): Promise<void> {
    if (p.index >= 0) return;
    p.index = this.entries.add(p.name, this.out.position);
    await this.out.write(localHeader(p.name, this.dos));
  }

  private async data(p: Pending, bytes: Uint8Array): Promise<void> {
    if (p.size + bytes.length > MAX_ENTRY_BYTES) throw new Error(`${new TextDecoder().decode(p.name)} is over 4 GiB: too big for the zip; save to a folder instead.`);
    p.crc = crc32(bytes, p.crc);
    p.size += bytes.length;
    await this.out.write(bytes);
  }

  private async end(p: Pending): Promise<void> {
    await this.out.write(dataDescriptor(p.crc, p.size));
    this.entries.finish(p.index, p.crc, p.size);
    this.active = null;
    // The next entries in line: what they kept goes out now.
    for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
      this.active = next;
      await this.start(next);
      const kept = next.buffered;
      next.buffered = [];
      for (const b of kept) await this.data(next, b);
      if (!next.closed) return;
      await this.out.write(dataDescriptor(next.crc, next.size));
      this.entries.finish(next.index, next.crc, next.size);
      this.active = null;
    }
  }

  /** Writes the central directory and the end records; every entry must be closed. */
  async close(): Promise<void> {
    if (this.active !== null || this.queue.length > 0) throw new Error("A zip entry is still open.");
    this.closed = true;
    const cdOffset = this.out.position;
    let i = 0;
    for (const name of this.entries.names()) {
      await this.out.write(centralHeader(name, this.dos, this.entries.crc(i), this.entries.size(i), this.entries.offset(i)));
      i++;
    }
    const cdSize = this.out.position - cdOffset;
    await this.out.write(endRecords(this.entries.count, cdOffset, cdSize));
    await this.out.flush();
  }
}

interface Pending {
  name: Uint8Array;
  buffered: Uint8Array[];
  closed: boolean;
  index: number;
  crc: number;
  size: number;
}
