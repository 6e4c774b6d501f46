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
import { chunksOf, type ByteSource } from "./bigJson.js";
import { notFound, preconditionFailed } from "./errors.js";
import { statusWord, type StepRecord } from "./model.js";
import { payloadSource } from "./payload.js";
import type { ThreadView } from "./threadView.js";
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
    for (let i = 0; i < Math.min(steps.total, UNARY_STEPS_CAP); i++) {
      const s = steps.at(i);
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
  for (let i = 0; i < count; i++) {
    if (signal.aborted) return;
    const data = src.read(i * max, Math.min(src.size, (i + 1) * max));
    yield create(StreamThreadResultResponseSchema, {
      chunk: { case: "data", value: { chunkIndex: i64(i), data, isFinal: i === count - 1 } },
    });
  }
}

/**
 * StepResultMeta (summaries of the selected steps, in ONE message even for huge trees), then one
 * StepDetail per step (payloads truncated at 64 KiB), then StepDataChunk records for the
 * truncated payloads: `today` chunks the "output" field only, `complete` also "input".
 */
export function* streamStepResult(
  view: ThreadView,
  stepPath: string,
  maxChunkBytes: bigint,
  fidelity: Fidelity,
  signal: AbortSignal,
): Generator<StreamStepResultResponse> {
  const threadId = view.row.threadId;
  const steps = view.steps();
  let selected: { total: number; at(i: number): StepRecord | undefined };
  if (stepPath !== "") {
    const one = steps.find(stepPath);
    if (one === undefined) throw notFound(`thread ${threadId} has no step ${stepPath}`);
    selected = { total: 1, at: (i) => (i === 0 ? one : undefined) };
  } else selected = steps;
  const summaries: StepSummary[] = [];
  for (let i = 0; i < selected.total; i++) {
    const s = selected.at(i);
    if (s !== undefined) summaries.push(toStepSummary(s));
  }
  yield create(StreamStepResultResponseSchema, {
    record: { case: "meta", value: { threadId, steps: summaries, totalSteps: i64(steps.total) } },
  });
  summaries.length = 0;
  const large: { step: StepRecord; field: "output" | "input"; src: ByteSource }[] = [];
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
  const max = clampChunkBytes(maxChunkBytes);
  for (const { step, field, src } of large) {
    const count = Math.ceil(src.size / max);
    let i = 0;
    for (const data of chunksOf(src, max)) {
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
