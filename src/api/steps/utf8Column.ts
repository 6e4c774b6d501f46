// A string column (stringColumn.ts) built from UTF-8 byte ranges: the bytes of every entry are
// copied into one buffer, separated by a 0 byte, and decoded with ONE TextDecoder call when the
// column is taken. Decoding 100,000 short strings one by one costs far more than the copy.
import type { StringColumn } from "./stringColumn";

// ignoreBOM: a leading U+FEFF is kept, in the first entry as in every other one.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

export class Utf8ColumnBuilder {
  count = 0;
  private bytes = new Uint8Array(4096);
  private length = 0;
  /** Byte offset of each entry (the text offset too, while every byte is ASCII). */
  private starts = new Uint32Array(1024);
  private ascii = true;

  /** Appends buf[start, end) as the next entry; U+0000 is dropped (the separator), as stringColumnFrom does. */
  add(buf: Uint8Array, start: number, end: number): void {
    if (this.count === this.starts.length) {
      const more = new Uint32Array(this.starts.length * 2);
      more.set(this.starts);
      this.starts = more;
    }
    const need = this.length + (end - start) + 1;
    if (need > this.bytes.length) {
      const more = new Uint8Array(Math.max(need, this.bytes.length * 2));
      more.set(this.bytes.subarray(0, this.length));
      this.bytes = more;
    }
    this.starts[this.count++] = this.length;
    const out = this.bytes;
    let at = this.length;
    let high = 0;
    for (let i = start; i < end; i++) {
      const b = buf[i] as number;
      high |= b;
      if (b !== 0) out[at++] = b;
    }
    if (high >= 0x80) this.ascii = false;
    out[at++] = 0;
    this.length = at;
  }

  /** Appends an empty entry. */
  addEmpty(): void {
    this.add(this.bytes, 0, 0);
  }

  /** The entries so far as a StringColumn (a copy). */
  column(): StringColumn {
    const n = this.count;
    if (n === 0) return { text: "", offsets: new Uint32Array(1) };
    const text = decoder.decode(this.bytes.subarray(0, this.length - 1));
    const offsets = new Uint32Array(n + 1);
    if (this.ascii) {
      offsets.set(this.starts.subarray(0, n));
    } else {
      // Multi-byte characters: text offsets differ from byte offsets. The separators are the only
      // U+0000 in the text (entries lost theirs, and invalid bytes decode to U+FFFD).
      let at = 0;
      for (let i = 0; i < n; i++) {
        offsets[i] = at;
        const sep = text.indexOf("\u0000", at);
        at = sep === -1 ? text.length + 1 : sep + 1;
      }
    }
    offsets[n] = text.length + 1;
    return { text, offsets };
  }
}
