// GetThreadResult, StreamThreadResult, StreamStepResult and the artifacts of a thread.
import { i64 } from "./int64.js";
import { create } from "@bufbuild/protobuf";
import {
  GetThreadResultResponseSchema,
  StreamStepResultResponseSchema,
  StreamThreadResultResponseSchema,
  ThreadStatus,
  type GetThreadResultRequest,
  type GetThreadResultResponse,
  type StepSummary,
  type StreamStepResultResponse,
  type StreamThreadResultResponse,
} from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import type { ByteSource } from "./bigJson.js";
import { notFound, preconditionFailed } from "./errors.js";
import { statusWord, type StepRecord } from "./model.js";
import { payloadSource } from "./payload.js";
import type { StepsView } from "./program.js";
import type { ThreadView } from "./threadView.js";
import { preEncodedRecord, WireBuffer, writeStepDetailFields, writeStepSummary } from "./wireEncode.js";
import { DISPLAY_CAP_BYTES, stepInputPayload, toStepDetail, toStepSummary, toYieldedValue } from "./toProto.js";
import type { Fidelity } from "./watch.js";

export const UNARY_OUTPUT_CAP_BYTES = 4 * 1024 * 1024;
export const UNARY_STEPS_CAP = 10_000;
export const UNARY_YIELDS_CAP = 1_000;
const MiB = 1024 * 1024;

/** max_chunk_bytes: default 2 MiB, clamped to 64 KiB..16 MiB. */
export function clampChunkBytes(requested: bigint | number): number {
  const n = Number(requested);
  if (!Number.isFinite(n) || n <= 0) return 2 * MiB;
  return Math.min(16 * MiB, Math.max(64 * 1024, Math.floor(n)));
}

export function outputSource(view: ThreadView): ByteSource | undefined {
  const out = view.row.output;
  return view.row.status === ThreadStatus.COMPLETED && out !== null ? payloadSource(out) : undefined;
}

/**
 * GetThreadResult. `step_path` is an exact match; an unknown path is NOT_FOUND (not an empty
 * step_details). Steps are capped at 10,000 (steps_truncated, total_steps), yields at the first
 * 1,000 (yields_truncated, total_yielded), output at 4 MiB (output_truncated, output_total_bytes).
 */
export function getThreadResult(view: ThreadView, req: GetThreadResultRequest): GetThreadResultResponse {
  const threadId = view.row.threadId;
  const src = outputSource(view);
  const total = src?.size ?? 0;
  const steps = view.steps();
  const summaries: StepSummary[] = [];
  if (!req.outputOnly) {
    const summaryAt = steps.summaryAt ?? steps.at;
    for (let i = 0; i < Math.min(steps.total, UNARY_STEPS_CAP); i++) {
      const s = summaryAt(i);
      if (s !== undefined) summaries.push(toStepSummary(s));
    }
  }
  let details: ReturnType<typeof toStepDetail>[] = [];
  if (req.stepPath !== "") {
    const s = steps.find(req.stepPath);
    if (s === undefined) throw notFound(`thread ${threadId} has no step ${req.stepPath}`);
    details = [toStepDetail(threadId, s)];
  }
  const yields = view.yields(UNARY_YIELDS_CAP);
  return create(GetThreadResultResponseSchema, {
    threadId,
    status: view.row.status,
    outputData: src === undefined || req.metadataOnly ? new Uint8Array() : src.read(0, Math.min(total, UNARY_OUTPUT_CAP_BYTES)),
    outputTotalBytes: i64(total),
    outputTruncated: total > UNARY_OUTPUT_CAP_BYTES,
    steps: summaries,
    stepDetails: details,
    yieldedValues: yields.values.flatMap((e) => (e.body.case === "valueYielded" ? [toYieldedValue(e.body.value)] : [])),
    totalYielded: i64(yields.total),
    yieldsTruncated: yields.total > yields.values.length,
    stepsTruncated: !req.outputOnly && steps.total > UNARY_STEPS_CAP,
    totalSteps: i64(steps.total),
  });
}

/** Reused chunk buffers per stream of output or step payload chunks (see outputChunks). */
export const OUTPUT_RING_SLOTS = 3;

/**
 * The bytes of `src` in chunks of at most `max`. A source that can write into a given buffer
 * (generated outputs) writes into a ring of OUTPUT_RING_SLOTS buffers, reused in turn, instead
 * of a fresh buffer per chunk: a fresh 2 MiB buffer per chunk (page faults, and GCs forced by
 * external memory pressure) was about 40% of the sandbox's CPU time per MiB streamed (measured
 * with server/sandbox/bench/threadResult.ts). So a chunk's bytes
 * stay valid only until OUTPUT_RING_SLOTS - 1 more chunks have been taken. Connect serializes
 * (copies) each message as it takes it and asks for at most one more ahead (the fault
 * interceptor's read-ahead), so every chunk is copied before its buffer comes round again.
 */
export function* outputChunks(src: ByteSource, max: number): Generator<Uint8Array> {
  const count = Math.max(1, Math.ceil(src.size / max));
  const readInto = src.readInto?.bind(src);
  const ring: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const start = i * max;
    const end = Math.min(src.size, start + max);
    if (readInto === undefined) {
      yield src.read(start, end);
      continue;
    }
    const slot = (ring[i % OUTPUT_RING_SLOTS] ??= Buffer.allocUnsafe(Math.min(max, src.size)));
    yield slot.subarray(0, readInto(slot, start, end));
  }
}

/** ThreadOutputMeta, then OutputChunks (chunk_index from 0, is_final on the last). */
export function* streamThreadResult(view: ThreadView, maxChunkBytes: bigint, signal: AbortSignal): Generator<StreamThreadResultResponse> {
  const src = outputSource(view);
  if (src === undefined) {
    throw preconditionFailed("OUTPUT_NOT_READY", `thread ${view.row.threadId} has no output yet (status: ${statusWord(view.row.status)})`, {
      thread_id: view.row.threadId,
      status: statusWord(view.row.status),
    });
  }
  const max = clampChunkBytes(maxChunkBytes);
  yield create(StreamThreadResultResponseSchema, {
    chunk: {
      case: "meta",
      value: { threadId: view.row.threadId, totalBytes: i64(src.size), contentType: "application/json", status: view.row.status },
    },
  });
  const count = Math.max(1, Math.ceil(src.size / max));
  let i = 0;
  for (const data of outputChunks(src, max)) {
    if (signal.aborted) return;
    yield create(StreamThreadResultResponseSchema, {
      chunk: { case: "data", value: { chunkIndex: i64(i), data, isFinal: i === count - 1 } },
    });
    i++;
  }
}

/** Encoded StepResultMeta of big trees, per thread state, so that reopening a thread is instant. */
export class StepMetaCache {
  private readonly entries = new Map<string, { key: string; data: Uint8Array }>();
  private bytes = 0;

  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  get(threadId: string, key: string): Uint8Array | undefined {
    const e = this.entries.get(threadId);
    if (e === undefined || e.key !== key) return undefined;
    this.entries.delete(threadId);
    this.entries.set(threadId, e);
    return e.data;
  }

  set(threadId: string, key: string, data: Uint8Array): void {
    const old = this.entries.get(threadId);
    if (old !== undefined) {
      this.bytes -= old.data.length;
      this.entries.delete(threadId);
    }
    if (data.length > this.maxBytes) return;
    while (this.bytes + data.length > this.maxBytes) {
      const oldest = this.entries.entries().next().value;
      if (oldest === undefined) break;
      this.bytes -= oldest[1].data.length;
      this.entries.delete(oldest[0]);
    }
    this.entries.set(threadId, { key, data });
    this.bytes += data.length;
  }
}

/** Trees at least this big have their encoded meta cached. */
const META_CACHE_MIN_STEPS = 10_000;

export interface StepStreamOptions {
  /**
   * The response is written in a binary format (Connect/gRPC/gRPC-Web "+proto"): records are
   * pre-encoded by wireEncode.ts (the fast path). JSON requests get ordinary messages.
   */
  binary: boolean;
  metaCache?: StepMetaCache;
}

type Selection = Pick<StepsView, "total" | "at" | "summaryAt">;

function selectSteps(view: ThreadView, stepPath: string): { steps: StepsView; selected: Selection } {
  const steps = view.steps();
  if (stepPath === "") return { steps, selected: steps };
  const one = steps.find(stepPath);
  if (one === undefined) throw notFound(`thread ${view.row.threadId} has no step ${stepPath}`);
  return { steps, selected: { total: 1, at: (i) => (i === 0 ? one : undefined) } };
}

/** The length-prefixed StepResultMeta body (thread_id, every summary, total_steps). */
function encodedMeta(view: ThreadView, stepPath: string, selected: Selection, totalSteps: number, cache: StepMetaCache | undefined): Uint8Array {
  const r = view.row;
  const cacheable = cache !== undefined && stepPath === "" && selected.total >= META_CACHE_MIN_STEPS;
  const key = `${r.status}|${r.cursor}|${r.completedSteps}|${r.updatedAtMs}|${r.finishedAtMs}|${r.currentStepPath}|${totalSteps}`;
  if (cacheable) {
    const hit = cache.get(r.threadId, key);
    if (hit !== undefined) return hit;
  }
  const w = new WireBuffer(Math.min(64 * 1024 * 1024, 1024 + selected.total * 48));
  const data = w.lengthPrefixed(() => {
    w.string(1, r.threadId);
    const summaryAt = selected.summaryAt ?? selected.at;
    for (let i = 0; i < selected.total; i++) {
      const s = summaryAt(i);
      if (s !== undefined) writeStepSummary(w, 2, s);
    }
    w.int(3, totalSteps);
  });
  if (cacheable) cache.set(r.threadId, key, data);
  return data;
}

/**
 * StepResultMeta (summaries of the selected steps, in ONE message even for huge trees), then one
 * StepDetail per step (payloads truncated at 64 KiB), then StepDataChunk records for the
 * truncated payloads: `today` chunks the "output" field only, `complete` also "input".
 *
 * Every step gets its StepDetail, at any size. For binary requests the meta and the details are
 * encoded by hand (wireEncode.ts) and the meta of big trees is cached per thread state.
 */
export function* streamStepResult(
  view: ThreadView,
  stepPath: string,
  maxChunkBytes: bigint,
  fidelity: Fidelity,
  signal: AbortSignal,
  options: StepStreamOptions = { binary: false },
): Generator<StreamStepResultResponse> {
  const threadId = view.row.threadId;
  const { steps, selected } = selectSteps(view, stepPath);
  const large: { step: StepRecord; field: "output" | "input"; src: ByteSource }[] = [];
  if (options.binary) {
    yield preEncodedRecord(1, encodedMeta(view, stepPath, selected, steps.total, options.metaCache));
    const w = new WireBuffer();
    for (let i = 0; i < selected.total; i++) {
      if (signal.aborted) return;
      const s = selected.at(i);
      if (s === undefined) continue;
      let sizes = { input: 0, output: 0 };
      const data = w.lengthPrefixed(() => {
        sizes = writeStepDetailFields(w, threadId, s);
      });
      yield preEncodedRecord(2, data);
      if (fidelity === "complete" && sizes.input > DISPLAY_CAP_BYTES) {
        const input = stepInputPayload(s);
        if (input !== null) large.push({ step: s, field: "input", src: payloadSource(input) });
      }
      if (sizes.output > DISPLAY_CAP_BYTES && s.output !== null) large.push({ step: s, field: "output", src: payloadSource(s.output) });
    }
  } else {
    const summaries: StepSummary[] = [];
    const summaryAt = selected.summaryAt ?? selected.at;
    for (let i = 0; i < selected.total; i++) {
      const s = summaryAt(i);
      if (s !== undefined) summaries.push(toStepSummary(s));
    }
    yield create(StreamStepResultResponseSchema, {
      record: { case: "meta", value: { threadId, steps: summaries, totalSteps: i64(steps.total) } },
    });
    summaries.length = 0;
    for (let i = 0; i < selected.total; i++) {
      if (signal.aborted) return;
      const s = selected.at(i);
      if (s === undefined) continue;
      yield create(StreamStepResultResponseSchema, { record: { case: "step", value: toStepDetail(threadId, s) } });
      const input = stepInputPayload(s);
      if (fidelity === "complete" && input !== null) {
        const src = payloadSource(input);
        if (src.size > DISPLAY_CAP_BYTES) large.push({ step: s, field: "input", src });
      }
      if (s.output !== null) {
        const src = payloadSource(s.output);
        if (src.size > DISPLAY_CAP_BYTES) large.push({ step: s, field: "output", src });
      }
    }
  }
  const max = clampChunkBytes(maxChunkBytes);
  for (const { step, field, src } of large) {
    const count = Math.ceil(src.size / max);
    let i = 0;
    for (const data of outputChunks(src, max)) {
      if (signal.aborted) return;
      yield create(StreamStepResultResponseSchema, {
        record: {
          case: "chunk",
          value: { stepPath: step.path, field, chunkIndex: i64(i), data, isFinal: i === count - 1, totalBytes: i64(src.size) },
        },
      });
      i++;
    }
  }
}

/** The artifacts ListArtifacts lists in `complete` fidelity. */
export interface ArtifactFile {
  name: string;
  size: number;
  source: ByteSource;
}

export function artifactsOf(view: ThreadView): ArtifactFile[] {
  const r = view.row;
  const summary = Buffer.from(
    JSON.stringify(
      {
        thread_id: r.threadId,
        script_name: r.scriptName,
        version: r.version,
        status: statusWord(r.status),
        error: r.error,
        created_at_ms: r.createdAtMs,
        started_at_ms: r.startedAtMs,
        finished_at_ms: r.finishedAtMs,
        total_steps: r.totalSteps,
        completed_steps: r.completedSteps,
        output_total_bytes: r.outputTotalBytes,
        metadata: r.metadata,
        input_json: r.inputJson,
      },
      null,
      2,
    ),
    "utf8",
  );
  const files: ArtifactFile[] = [];
  const out = outputSource(view);
  if (out !== undefined) files.push({ name: "output.json", size: out.size, source: out });
  files.push({ name: "summary.json", size: summary.length, source: { size: summary.length, read: (s, e) => summary.subarray(s, e) } });
  return files;
}
