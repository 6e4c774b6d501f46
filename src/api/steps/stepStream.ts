// The calls behind the step tree and the step detail. Streams are plain for-await loops with an
// AbortSignal; each one stops reading as soon as it has what it came for.
import { Code, ConnectError } from "@connectrpc/connect";
import type { StepDetail } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { assertNever } from "../../assertNever";
import type { ScriptumClient } from "../client";
import { ChunkAssembler, concatBytes } from "./chunkAssembler";
import { columnsFromSummaries, type StepColumns } from "./stepColumns";
import type { StepMetaTap } from "./stepMetaTap";

export interface LoadedSteps {
  cols: StepColumns;
  /** What the service says the thread has (may exceed cols.count while it runs). */
  totalSteps: number;
}

/**
 * Every step summary (StreamStepResult's meta record); the rest of the stream is not read. With a
 * tap (stepMetaTap.ts) between the client's fetch and the network, the summaries come from the
 * tap, which kept the meta's bytes (and decoded most of them as they arrived); the client only
 * reads an empty stand-in.
 */
export async function loadStepColumns(
  client: ScriptumClient,
  threadId: string,
  signal?: AbortSignal,
  tap?: StepMetaTap,
): Promise<LoadedSteps> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for await (const res of client.streamStepResult({ threadId }, { signal: stop.signal })) {
      const r = res.record;
      switch (r.case) {
        case "meta": {
          if (tap?.tookMeta === true) {
            // The stand-in: let the server stop streaming details now, then decode what is left.
            stop.abort();
            const meta = tap.finish();
            return { cols: meta.cols, totalSteps: Math.max(meta.totalSteps, meta.cols.count) };
          }
          const cols = columnsFromSummaries(r.value.steps);
          return { cols, totalSteps: Math.max(Number(r.value.totalSteps), cols.count) };
        }
        case "step":
        case "chunk":
        case undefined:
          // The meta comes first; a stream without one has no summaries to show.
          return { cols: columnsFromSummaries([]), totalSteps: 0 };
        default:
          return assertNever(r, "step stream record");
      }
    }
    return { cols: columnsFromSummaries([]), totalSteps: 0 };
  } finally {
    signal?.removeEventListener("abort", onAbort);
    stop.abort();
  }
}

/**
 * One step's detail (input and output truncated for display).
 * A step the tree knows: GetThreadResult with the exact step path (and neither the output nor the
 * step summaries, so a detail fetch stays small on a 100k-step thread). The documents say
 * output_only also skips step_details: for a service that answers without them, and for a path
 * the tree does not know (yet), StreamStepResult narrowed to the step, whose NOT_FOUND arrives in
 * the stream's end rather than as a failed HTTP request.
 */
export async function loadStepDetail(
  client: ScriptumClient,
  threadId: string,
  stepPath: string,
  signal?: AbortSignal,
  options: { known?: boolean } = {},
): Promise<StepDetail> {
  if (options.known !== false) {
    const res = await client.getThreadResult(
      { threadId, stepPath, metadataOnly: true, outputOnly: true },
      signal ? { signal } : {},
    );
    const found = res.stepDetails.find((d) => d.stepPath === stepPath);
    if (found !== undefined) return found;
  }
  const streamed = await streamStepDetail(client, threadId, stepPath, signal);
  if (streamed !== undefined) return streamed;
  throw new ConnectError(`step ${stepPath} not found in thread ${threadId}`, Code.NotFound);
}

async function streamStepDetail(
  client: ScriptumClient,
  threadId: string,
  stepPath: string,
  signal?: AbortSignal,
): Promise<StepDetail | undefined> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for await (const res of client.streamStepResult({ threadId, stepPath }, { signal: stop.signal })) {
      if (res.record.case === "step" && res.record.value.stepPath === stepPath) return res.record.value;
      if (res.record.case === "chunk") return undefined;
    }
    return undefined;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    stop.abort();
  }
}

export type PayloadField = "input" | "output";

export interface FullPayload {
  data: Uint8Array;
  /** All chunks up to the final one arrived. */
  complete: boolean;
  /** The service sent no chunks for this field (it only chunks the output today). */
  unavailable: boolean;
  totalBytes: number;
}

export interface PayloadProgress {
  receivedBytes: number;
  totalBytes: number;
}

/**
 * The full input or output of one step: StreamStepResult narrowed to the step, its StepDataChunk
 * records for that field reassembled by chunk_index. When the field is not chunked, the
 * StepDetail's own (complete) payload is returned if it was not truncated.
 */
export async function streamStepPayload(
  client: ScriptumClient,
  threadId: string,
  stepPath: string,
  field: PayloadField,
  options: {
    signal?: AbortSignal;
    onProgress?: (p: PayloadProgress) => void;
    /** Receives each in-order piece instead of keeping it (a download); data is then empty. */
    onData?: (bytes: Uint8Array) => Promise<void>;
  } = {},
): Promise<FullPayload> {
  const asm = new ChunkAssembler();
  const kept: Uint8Array[] = [];
  let detail: StepDetail | undefined;
  let totalBytes = 0;
  let sawChunk = false;
  const release = async () => {
    for (const piece of asm.take()) {
      if (options.onData) await options.onData(piece);
      else kept.push(piece);
    }
  };
  const stream = client.streamStepResult(
    { threadId, stepPath, maxChunkBytes: 1n << 20n },
    options.signal ? { signal: options.signal } : {},
  );
  for await (const res of stream) {
    const r = res.record;
    switch (r.case) {
      case "meta":
        break;
      case "step":
        if (r.value.stepPath === stepPath) {
          detail = r.value;
          totalBytes = Number(field === "output" ? r.value.outputTotalBytes : r.value.inputTotalBytes);
        }
        break;
      case "chunk": {
        const c = r.value;
        if (c.stepPath !== stepPath || c.field !== field) break;
        sawChunk = true;
        if (c.totalBytes > 0n) totalBytes = Number(c.totalBytes);
        asm.add(Number(c.chunkIndex), c.data, c.isFinal);
        await release();
        options.onProgress?.({ receivedBytes: asm.progress().receivedBytes, totalBytes });
        break;
      }
      case undefined:
        break;
      default:
        assertNever(r, "step stream record");
    }
  }
  if (!sawChunk) {
    const truncated = detail === undefined || (field === "output" ? detail.outputTruncated : detail.inputTruncated);
    if (detail !== undefined && !truncated) {
      const data = field === "output" ? detail.outputData : detail.inputData;
      if (options.onData) await options.onData(data);
      return { data: options.onData ? new Uint8Array(0) : data, complete: true, unavailable: false, totalBytes: data.length };
    }
    return { data: new Uint8Array(0), complete: false, unavailable: true, totalBytes };
  }
  const { complete } = asm.progress();
  return { data: concatBytes(kept), complete, unavailable: false, totalBytes };
}
