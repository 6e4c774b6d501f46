import { describe, expect, it } from "vitest";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import {
  ScriptumService,
  StepStatus,
  StreamStepResultResponseSchema,
  type StepSummary,
} from "../gen/dodil/scriptum/v1/scriptum_pb";
import { allRecords, columnsFromSummaries } from "./stepColumns";
import { fetchThroughTap, SLICE_STEPS, StepMetaTap } from "./stepMetaTap";
import { loadStepColumns } from "./stepStream";
import { concatBytes } from "./chunkAssembler";
import { envelope } from "../testing/envelope";

function summaries(n: number): StepSummary[] {
  return Array.from({ length: n }, (_, i) => ({
    $typeName: "dodil.scriptum.v1.StepSummary",
    stepPath: i === 0 ? "1" : `1.${i - 1}`,
    name: i % 7 === 0 ? `ünï-${i}` : `work-${i}`,
    primitive: "code",
    tool: "",
    status: i % 11 === 0 ? StepStatus.FAILED : StepStatus.COMPLETED,
    attempt: 1,
    startedAtMs: BigInt(1_700_000_000_000 + i),
    finishedAtMs: BigInt(1_700_000_000_005 + i),
    durationMs: 5n,
    error: i % 11 === 0 ? `boom ${i}` : "",
  }));
}

const record = (r: Parameters<typeof create<typeof StreamStepResultResponseSchema>>[1]) =>
  toBinary(StreamStepResultResponseSchema, create(StreamStepResultResponseSchema, r));

const metaRecord = (steps: StepSummary[]) => record({ record: { case: "meta", value: { threadId: "thr_t", steps, totalSteps: BigInt(steps.length + 2) } } });
const detailRecord = record({ record: { case: "step", value: { stepPath: "1", name: "fetch" } } });
const endStream = envelope(2, new TextEncoder().encode("{}"));

/** Pushes the body in pieces of `size` (decoding after each), as the network would. */
function feed(tap: StepMetaTap, body: Uint8Array, size: number, decodeEvery = true): Uint8Array {
  const out: Uint8Array[] = [];
  for (let at = 0; at < body.length; at += size) {
    out.push(...tap.push(body.subarray(at, at + size)));
    if (decodeEvery) tap.decodeAvailable(97);
  }
  return concatBytes(out);
}

describe("StepMetaTap", () => {
  const steps = summaries(300);
  const body = concatBytes([envelope(0, metaRecord(steps)), envelope(0, detailRecord), endStream]);
  const expected = allRecords(columnsFromSummaries(steps));

  it("decodes the meta whatever the chunk sizes, and gives the client a stand-in then the rest untouched", () => {
    for (const size of [1, 2, 5, 7, 64, 1000, body.length]) {
      const tap = new StepMetaTap();
      const toClient = feed(tap, body, size);
      expect(tap.tookMeta).toBe(true);
      const meta = tap.finish();
      expect(allRecords(meta.cols)).toEqual(expected);
      expect(meta).toMatchObject({ threadId: "thr_t", totalSteps: 302 });
      // The client reads an empty meta, then the detail and the end of the stream as sent.
      const standInLength = new DataView(toClient.buffer, toClient.byteOffset).getUint32(1);
      const standIn = fromBinary(StreamStepResultResponseSchema, toClient.subarray(5, 5 + standInLength));
      expect(standIn.record.case).toBe("meta");
      expect(standIn.record.case === "meta" && standIn.record.value.steps).toEqual([]);
      expect(toClient.subarray(5 + standInLength)).toEqual(concatBytes([envelope(0, detailRecord), endStream]));
    }
  });

  it("decodes while bytes arrive, in slices, calling back after each slice", () => {
    const many = summaries(SLICE_STEPS * 2 + 10);
    const bytes = envelope(0, metaRecord(many));
    let slices = 0;
    const tap = new StepMetaTap(() => slices++);
    tap.push(bytes.subarray(0, bytes.length >> 1));
    const first = tap.decodeAvailable(SLICE_STEPS);
    expect(first).toBe(SLICE_STEPS);
    expect(tap.decodeAvailable()).toBeGreaterThan(0);
    expect(tap.decodedBytes).toBeLessThanOrEqual(tap.received);
    expect(tap.tookMeta).toBe(false);
    tap.push(bytes.subarray(bytes.length >> 1));
    expect(tap.tookMeta).toBe(true);
    expect(tap.finish().cols.count).toBe(many.length);
    expect(slices).toBeGreaterThanOrEqual(3);
  });

  it("lets through untouched a first record that is not a meta, and a compressed one", () => {
    const notMeta = concatBytes([envelope(0, detailRecord), endStream]);
    const tap = new StepMetaTap();
    expect(feed(tap, notMeta, 3)).toEqual(notMeta);
    expect(tap.tookMeta).toBe(false);
    const compressed = concatBytes([envelope(1, metaRecord(steps)), endStream]);
    const tap2 = new StepMetaTap();
    expect(feed(tap2, compressed, 10)).toEqual(compressed);
    expect(tap2.tookMeta).toBe(false);
    expect(tap2.steps.count).toBe(0);
  });

  it("reports a malformed meta as an internal error", () => {
    const meta = metaRecord(steps.slice(0, 3));
    const broken = meta.slice(0, meta.length - 2); // the last summary cut, lengths left as they were
    const tap = new StepMetaTap();
    tap.push(envelope(0, broken));
    expect(tap.tookMeta).toBe(true);
    try {
      tap.finish();
      expect.unreachable("finish should throw");
    } catch (e) {
      expect(e).toBeInstanceOf(ConnectError);
      expect((e as ConnectError).code).toBe(Code.Internal);
    }
  });
});

describe("fetchThroughTap with the Connect client", () => {
  it("loads every summary through the tap and cancels the call once the meta is in", async () => {
    const steps = summaries(2000);
    const body = concatBytes([envelope(0, metaRecord(steps)), envelope(0, detailRecord), endStream]);
    let aborted = false;
    const network: typeof fetch = (_input, init) => {
      init?.signal?.addEventListener("abort", () => (aborted = true));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          // The meta in pieces, then the rest of the stream never ends (a server still sending).
          for (let at = 0; at < body.length - endStream.length; at += 4096) controller.enqueue(body.slice(at, Math.min(at + 4096, body.length - endStream.length)));
        },
      });
      return Promise.resolve(new Response(stream, { status: 200, headers: { "content-type": "application/connect+proto" } }));
    };
    const tap = new StepMetaTap();
    let chunks = 0;
    const client = createClient(
      ScriptumService,
      createConnectTransport({ baseUrl: "http://sandbox.test", useBinaryFormat: true, fetch: fetchThroughTap(tap, () => chunks++, network) }),
    );
    const loaded = await loadStepColumns(client, "thr_t", undefined, tap);
    expect(allRecords(loaded.cols)).toEqual(allRecords(columnsFromSummaries(steps)));
    expect(loaded.totalSteps).toBe(2002);
    expect(chunks).toBeGreaterThan(1);
    expect(aborted).toBe(true);
  });
});
