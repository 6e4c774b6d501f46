// Reads StreamStepResult's first record, the StepResultMeta with every step summary (ONE message,
// ~47 bytes a step: 4.7 MB for 100,000 steps), off the response body as it arrives. Connect and
// gRPC-Web frame messages the same way (1 flag byte, 4 length bytes, the message), so the tap
// sits between fetch and the Connect client: it keeps the first message's bytes for itself and,
// as soon as the last of them is in, hands the client a stand-in (an empty meta). The client
// still does the protocol (headers, errors, trailers), never decodes 4.7 MB again, and can cancel
// the call at once, so the server stops streaming step details nobody reads. The summaries are
// decoded from the kept bytes (summaryWire.ts) while more arrive (decodeAvailable) and the rest
// when the stand-in is read (finish). A first record the tap cannot read this way (compressed, or
// not a meta) goes through untouched.
import { create, toBinary } from "@bufbuild/protobuf";
import { WireType } from "@bufbuild/protobuf/wire";
import { Code, ConnectError } from "@connectrpc/connect";
import { StepResultMetaSchema, StreamStepResultResponseSchema } from "../gen/dodil/scriptum/v1/scriptum_pb";
import type { StepColumns } from "./stepColumns";
import { isTappableStream, withBody } from "../streamBodyTap";
import { SummaryColumnsBuilder, WireCursor, WireFormatError } from "./summaryWire";

const RECORD_META = StreamStepResultResponseSchema.field.meta.number;
const META_THREAD_ID = StepResultMetaSchema.field.threadId.number;
const META_STEPS = StepResultMetaSchema.field.steps.number;
const META_TOTAL = StepResultMetaSchema.field.totalSteps.number;

const HEADER_BYTES = 5;

/** An empty meta record in its envelope: what the client reads instead of the real one. */
const STAND_IN = (() => {
  const message = toBinary(
    StreamStepResultResponseSchema,
    create(StreamStepResultResponseSchema, { record: { case: "meta", value: create(StepResultMetaSchema) } }),
  );
  const out = new Uint8Array(HEADER_BYTES + message.length);
  new DataView(out.buffer).setUint32(1, message.length);
  out.set(message, HEADER_BYTES);
  return out;
})();

export interface DecodedMeta {
  threadId: string;
  totalSteps: number;
  cols: StepColumns;
}

type State =
  | "header" // reading the first envelope's header
  | "body" // keeping the first message's bytes
  | "pass"; // everything else goes through untouched

/** Summaries decoded at a time: between slices, new chunks flow in and partial trees go out. */
export const SLICE_STEPS = 5_000;

export class StepMetaTap {
  /** The summaries decoded so far. */
  readonly steps = new SummaryColumnsBuilder();
  threadId = "";
  totalSteps = 0;
  /** The client was given the stand-in: the summaries are the tap's to decode (finish). */
  tookMeta = false;
  /** Bytes of the first message received and decoded so far, and its length (0 until known). */
  received = 0;
  decodedBytes = 0;
  expected = 0;

  private state: State = "header";
  private readonly header = new Uint8Array(HEADER_BYTES);
  private headerFill = 0;
  private body = new Uint8Array(0);
  /** Inside a meta field of the record: where it ends; -1 at the record's own fields. */
  private metaEnd = -1;
  /** The kept bytes were given to the client, or decoded and let go: nothing more to decode. */
  private released = false;
  private readonly cursor = new WireCursor(new Uint8Array(0), 0, 0);

  /** afterSlice runs after each decodeAvailable call that decoded summaries (a partial tree?). */
  constructor(private readonly afterSlice: () => void = () => {}) {}

  /** Takes the next piece of the response body; returns the bytes to give the client. */
  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let at = 0;
    while (at < chunk.length) {
      switch (this.state) {
        case "pass":
          out.push(at === 0 ? chunk : chunk.subarray(at));
          return out;
        case "header": {
          const take = Math.min(HEADER_BYTES - this.headerFill, chunk.length - at);
          this.header.set(chunk.subarray(at, at + take), this.headerFill);
          this.headerFill += take;
          at += take;
          if (this.headerFill < HEADER_BYTES) break;
          if (this.header[0] !== 0) {
            // Compressed, end of stream or trailers: not a meta the tap can read.
            out.push(this.header.slice());
            this.state = "pass";
            break;
          }
          this.expected = new DataView(this.header.buffer).getUint32(1);
          this.body = new Uint8Array(this.expected);
          this.state = "body";
          if (this.expected === 0) this.endOfBody(out);
          break;
        }
        case "body": {
          const take = Math.min(this.expected - this.received, chunk.length - at);
          this.body.set(chunk.subarray(at, at + take), this.received);
          this.received += take;
          at += take;
          if (this.received === this.expected) this.endOfBody(out);
          break;
        }
      }
    }
    return out;
  }

  /**
   * Decodes the fields whose bytes have all arrived, at most maxSteps summaries (the rest next
   * time); returns how many summaries it decoded. Throws ConnectError for a malformed meta.
   */
  decodeAvailable(maxSteps = Number.POSITIVE_INFINITY): number {
    const before = this.steps.count;
    const c = this.cursor;
    while (!this.released && this.steps.count - before < maxSteps) {
      const inMeta = this.metaEnd >= 0;
      const regionEnd = inMeta ? this.metaEnd : this.expected;
      if (this.decodedBytes >= regionEnd) {
        if (!inMeta) break;
        this.metaEnd = -1; // back to the record's own fields (a second meta merges, as in protobuf)
        continue;
      }
      const limit = Math.min(this.received, regionEnd);
      c.reset(this.body, this.decodedBytes, limit);
      try {
        const tag = c.uint32();
        const field = tag >>> 3;
        const wire = tag & 7;
        if (field === 0) throw new WireFormatError("field number 0");
        if (!inMeta) {
          if (field === RECORD_META && wire === WireType.LengthDelimited) {
            const len = c.uint32();
            if (len > this.expected - c.pos) throw new WireFormatError("meta past the end of the message");
            this.metaEnd = c.pos + len;
          } else {
            c.skip(wire);
          }
        } else if (field === META_STEPS && wire === WireType.LengthDelimited) {
          const start = c.lengthDelimited();
          this.steps.add(this.body, start, c.pos);
        } else if (field === META_THREAD_ID && wire === WireType.LengthDelimited) {
          const start = c.lengthDelimited();
          this.threadId = new TextDecoder().decode(this.body.subarray(start, c.pos));
        } else if (field === META_TOTAL && wire === WireType.Varint) {
          this.totalSteps = c.int64();
        } else {
          c.skip(wire);
        }
        this.decodedBytes = c.pos;
      } catch (e) {
        // A field cut by the end of what has arrived: wait for more. Cut by its region: invalid.
        if (e instanceof WireFormatError && limit < regionEnd) break;
        throw e instanceof WireFormatError ? new ConnectError(`invalid StepResultMeta: ${e.message}`, Code.Internal) : e;
      }
    }
    const decoded = this.steps.count - before;
    if (decoded > 0) this.afterSlice();
    return decoded;
  }

  /** Once the client has read the stand-in: decodes what is left and returns the whole meta. */
  finish(): DecodedMeta {
    while (this.decodeAvailable(SLICE_STEPS) === SLICE_STEPS) {
      // slice after slice, each followed by afterSlice
    }
    this.release();
    return { threadId: this.threadId, totalSteps: this.totalSteps, cols: this.steps.columns() };
  }

  private endOfBody(out: Uint8Array[]): void {
    this.state = "pass";
    if (!startsWithMeta(this.body)) {
      // Another record (a StepDetail first: the thread has no summaries to give): as sent.
      out.push(this.header.slice(), this.body);
      this.release();
      return;
    }
    this.tookMeta = true;
    out.push(STAND_IN);
  }

  private release(): void {
    this.released = true;
    this.body = new Uint8Array(0);
  }
}

/** The record's first field is its meta (a oneof: encoders write the one field that is set). */
function startsWithMeta(body: Uint8Array): boolean {
  const c = new WireCursor(body, 0, body.length);
  try {
    const tag = c.uint32();
    return tag >>> 3 === RECORD_META && (tag & 7) === WireType.LengthDelimited;
  } catch {
    return false;
  }
}

/**
 * A fetch for the Connect transport that runs StreamStepResult's response body through the tap
 * (other calls and error responses go through untouched); onData runs after each network chunk.
 */
export function fetchThroughTap(tap: StepMetaTap, onData: () => void, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const res = await base(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith("/StreamStepResult") || !isTappableStream(res)) return res;
    const body = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          for (const piece of tap.push(chunk)) controller.enqueue(piece);
          onData();
        },
      }),
    );
    return withBody(res, body);
  };
}
