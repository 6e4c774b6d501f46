import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { StreamThreadResultResponseSchema, type StreamThreadResultResponse } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { OutputTap, OutputTapError, type TapRecord } from "./outputTap";
import { concatBytes as concat } from "../steps/chunkAssembler";
import { envelope } from "../testing/envelope";

const meta = (totalBytes: number) =>
  envelope(
    0,
    toBinary(
      StreamThreadResultResponseSchema,
      create(StreamThreadResultResponseSchema, { chunk: { case: "meta", value: { threadId: "thr_1", totalBytes: BigInt(totalBytes), contentType: "application/json" } } }),
    ),
  );

const dataRecord = (index: number, data: Uint8Array, isFinal: boolean) =>
  envelope(
    0,
    toBinary(
      StreamThreadResultResponseSchema,
      create(StreamThreadResultResponseSchema, { chunk: { case: "data", value: { chunkIndex: BigInt(index), data, isFinal } } }),
    ),
  );

const endStream = envelope(2, new TextEncoder().encode("{}"));

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed * 7) & 0xff;
  return out;
}

/** Cuts `body` at the given sizes (cycled), as a network would. */
function split(body: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, k = 0; at < body.length; k++) {
    const n = sizes[k % sizes.length] ?? 1;
    out.push(body.subarray(at, at + n));
    at += n;
  }
  return out;
}

interface Seen {
  written: Uint8Array;
  /** The client's side: the messages (flags 0) decoded, and the other envelopes' flags. */
  messages: StreamThreadResultResponse[];
  otherFlags: number[];
  records: TapRecord[];
}

function run(body: Uint8Array, sizes: readonly number[]): Seen {
  const writes: Uint8Array[] = [];
  const tap = new OutputTap(async () => {});
  const client: Uint8Array[] = [];
  for (const piece of split(body, sizes)) {
    const out = tap.push(piece);
    // Copy now: the writes are subarrays of the pushed piece, valid until the next write.
    writes.push(...out.writes.map((w) => w.slice()));
    client.push(...out.client.map((c) => c.slice()));
  }
  const stream = concat(client);
  const messages: StreamThreadResultResponse[] = [];
  const otherFlags: number[] = [];
  for (let at = 0; at < stream.length; ) {
    const flags = stream[at] ?? 0;
    const length = new DataView(stream.buffer, stream.byteOffset + at + 1, 4).getUint32(0);
    const message = stream.subarray(at + 5, at + 5 + length);
    if (flags === 0) messages.push(fromBinary(StreamThreadResultResponseSchema, message));
    else otherFlags.push(flags);
    at += 5 + length;
  }
  const records: TapRecord[] = [];
  for (let r = tap.nextRecord(); r !== undefined; r = tap.nextRecord()) records.push(r);
  return { written: concat(writes), messages, otherFlags, records };
}

const SPLITS: readonly (readonly number[])[] = [[1], [3, 7], [64 * 1024], [1_000_000], [5, 40, 2, 1000]];

describe("OutputTap", () => {
  const chunks = [bytes(70_000, 1), bytes(70_000, 2), bytes(12_345, 3)];
  const body = concat([meta(152_345), ...chunks.map((c, i) => dataRecord(i, c, i === chunks.length - 1)), endStream]);

  for (const sizes of SPLITS) {
    it(`writes every in-order chunk's data and gives the client stand-ins (reads of ${sizes.join("/")} bytes)`, () => {
      const seen = run(body, sizes);
      expect(seen.written).toEqual(concat(chunks));
      expect(seen.messages.map((m) => m.chunk.case)).toEqual(["meta", "data", "data", "data"]);
      expect(seen.messages[0]?.chunk.case === "meta" && seen.messages[0].chunk.value.totalBytes).toBe(152_345n);
      const stand = seen.messages.slice(1).map((m) => (m.chunk.case === "data" ? [Number(m.chunk.value.chunkIndex), m.chunk.value.data.length, m.chunk.value.isFinal] : []));
      expect(stand).toEqual([
        [0, 0, false],
        [1, 0, false],
        [2, 0, true],
      ]);
      expect(seen.otherFlags).toEqual([2]);
      expect(seen.records).toEqual([
        { standIn: false },
        { standIn: true, index: 0, length: 70_000, isFinal: false },
        { standIn: true, index: 1, length: 70_000, isFinal: false },
        { standIn: true, index: 2, length: 12_345, isFinal: true },
      ]);
    });
  }

  it("lets everything through from the first chunk out of order; the client reassembles the rest", () => {
    const order = [0, 2, 1];
    const seen = run(concat([meta(152_345), ...order.map((i) => dataRecord(i, chunks[i] ?? new Uint8Array(), i === 2)), endStream]), [4096]);
    expect(seen.written).toEqual(chunks[0]);
    expect(seen.records.map((r) => r.standIn)).toEqual([false, true, false, false]);
    const passed = seen.messages.slice(2).map((m) => (m.chunk.case === "data" ? [Number(m.chunk.value.chunkIndex), m.chunk.value.data] : []));
    expect(passed).toEqual([
      [2, chunks[2]],
      [1, chunks[1]],
    ]);
  });

  it("an empty final chunk (no data field on the wire) goes to the client as it is", () => {
    const seen = run(concat([meta(0), dataRecord(0, new Uint8Array(), true), endStream]), [2]);
    expect(seen.written.length).toBe(0);
    expect(seen.records).toEqual([{ standIn: false }, { standIn: false }]);
    const m = seen.messages[1];
    expect(m?.chunk.case === "data" && [Number(m.chunk.value.chunkIndex), m.chunk.value.data.length, m.chunk.value.isFinal]).toEqual([0, 0, true]);
  });

  it("lets through a chunk whose fields come in another order (is_final before data)", () => {
    // OutputChunk{is_final: true (0x18 01), chunk_index: 0, data: "abc"} as field order 3, 2.
    const chunk = new Uint8Array([0x18, 0x01, 0x12, 0x03, 0x61, 0x62, 0x63]);
    const message = new Uint8Array([0x12, chunk.length, ...chunk]);
    const seen = run(concat([envelope(0, message), endStream]), [1]);
    expect(seen.written.length).toBe(0);
    expect(seen.records).toEqual([{ standIn: false }]);
    const m = seen.messages[0];
    expect(m?.chunk.case === "data" && [m.chunk.value.isFinal, new TextDecoder().decode(m.chunk.value.data)]).toEqual([true, "abc"]);
  });

  it("refuses a chunk whose index comes after the data it already wrote", () => {
    // {data: "abc", chunk_index: 5}: the index was absent before the data (so 0), then 5.
    const chunk = new Uint8Array([0x12, 0x03, 0x61, 0x62, 0x63, 0x08, 0x05]);
    const message = new Uint8Array([0x12, chunk.length, ...chunk]);
    expect(() => run(envelope(0, message), [100])).toThrow(OutputTapError);
  });

  it("lets compressed messages and the end of the stream through untouched", () => {
    const compressed = envelope(1, dataRecord(0, bytes(100, 9), true).subarray(5));
    const seen = run(concat([compressed, endStream]), [7]);
    expect(seen.written.length).toBe(0);
    expect(seen.otherFlags).toEqual([1, 2]);
    expect(seen.records).toEqual([]);
  });
});
