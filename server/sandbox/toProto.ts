// Conversions from the sandbox's records to the generated messages.
import { i64 } from "./int64.js";
import { create, toJson } from "@bufbuild/protobuf";
import {
  AskSpecSchema,
  ExecutionMode,
  StepDetailSchema,
  StepSummarySchema,
  ThreadSchema,
  WatchThreadResponseSchema,
  YieldedValueSchema,
  type AskSpec,
  type StepDetail,
  type StepSummary,
  type Thread,
  type WatchThreadResponse,
  type YieldedValue,
} from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { assertNever } from "./assertNever.js";
import { toEnumDef, toTypedField } from "./contractTypes.js";
import type { AskState, EventBody, Payload, StepRecord, StoredEvent, ThreadRow } from "./model.js";
import { payloadSource } from "./payload.js";
import { hash32 } from "./random.js";

/** Host of the logs URLs the sandbox derives: the .invalid TLD never resolves (a display/link-safety vehicle). */
export const LOGS_URL_BASE = "https://logs.scriptum.invalid";

/** Primitives that run something (and so have an execution and logs). */
function executes(s: StepRecord): boolean {
  return s.attempt > 0 && (s.tool !== "" || s.primitive === "code");
}

/** "exec_" + 16 hex digits, stable for (thread, step, attempt); empty for steps that never ran. */
export function executionIdOf(threadId: string, s: StepRecord): string {
  if (!executes(s)) return "";
  const key = `${threadId}/${s.path}/${s.attempt}`;
  return `exec_${hash32(key).toString(16).padStart(8, "0")}${hash32(`${key}#`).toString(16).padStart(8, "0")}`;
}

/**
 * The step's logs URL: one the script set (verbatim, possibly hostile: a test vehicle for the
 * console's link safety), else https://logs.scriptum.invalid/threads/<threadId>/steps/<stepPath>
 * for tool and code steps that ran; empty for groups, asks and steps that never ran.
 */
export function logsUrlOf(threadId: string, s: StepRecord): string {
  if (s.logsUrl !== undefined) return s.logsUrl;
  return executes(s) ? `${LOGS_URL_BASE}/threads/${encodeURIComponent(threadId)}/steps/${s.path}` : "";
}

/** Display payloads in step details are truncated at 64 KiB. */
export const DISPLAY_CAP_BYTES = 64 * 1024;

export function toThread(row: ThreadRow): Thread {
  return create(ThreadSchema, {
    threadId: row.threadId,
    scriptName: row.scriptName,
    version: row.version,
    status: row.status,
    error: row.error,
    currentStepPath: row.currentStepPath,
    currentStepName: row.currentStepName,
    totalSteps: row.totalSteps,
    completedSteps: row.completedSteps,
    createdAtMs: i64(row.createdAtMs),
    startedAtMs: i64(row.startedAtMs),
    finishedAtMs: i64(row.finishedAtMs),
    // The real runtime maps execution_mode to cloud in every response.
    executionMode: ExecutionMode.CLOUD,
    metadata: row.metadata,
    inputJson: row.inputJson,
  });
}

export function toAskSpec(ask: AskState): AskSpec {
  return create(AskSpecSchema, {
    prompt: ask.prompt,
    fields: ask.fields.map(toTypedField),
    attempt: ask.attempt,
    maxAttempts: ask.maxAttempts,
    expiresAtMs: i64(ask.expiresAtMs),
    enums: ask.enums.map(toEnumDef),
  });
}

export function toYieldedValue(v: Extract<EventBody, { case: "valueYielded" }>["value"]): YieldedValue {
  return create(YieldedValueSchema, {
    index: i64(v.index),
    stepPath: v.stepPath,
    valueData: Buffer.from(v.valueJson, "utf8"),
    yieldedAtMs: i64(v.yieldedAtMs),
  });
}

export function toWatchResponse(threadId: string, e: StoredEvent): WatchThreadResponse {
  const base = { sequence: i64(e.seq), occurredAtMs: i64(e.atMs), threadId };
  const body = e.body;
  switch (body.case) {
    case "threadStarted":
      return create(WatchThreadResponseSchema, { ...base, event: { case: "threadStarted", value: body.value } });
    case "threadCompleted":
      return create(WatchThreadResponseSchema, {
        ...base,
        event: { case: "threadCompleted", value: { outputTotalBytes: i64(body.value.outputTotalBytes) } },
      });
    case "threadFailed":
      return create(WatchThreadResponseSchema, { ...base, event: { case: "threadFailed", value: body.value } });
    case "threadCancelled":
      return create(WatchThreadResponseSchema, { ...base, event: { case: "threadCancelled", value: body.value } });
    case "threadPaused":
      return create(WatchThreadResponseSchema, {
        ...base,
        event: { case: "threadPaused", value: { stepPath: body.value.stepPath, stepName: body.value.stepName, ask: toAskSpec(body.value.ask) } },
      });
    case "stepStarted":
      return create(WatchThreadResponseSchema, { ...base, event: { case: "stepStarted", value: body.value } });
    case "stepCompleted":
      return create(WatchThreadResponseSchema, {
        ...base,
        event: { case: "stepCompleted", value: { stepPath: body.value.stepPath, durationMs: i64(body.value.durationMs) } },
      });
    case "stepFailed":
      return create(WatchThreadResponseSchema, { ...base, event: { case: "stepFailed", value: body.value } });
    case "valueYielded":
      return create(WatchThreadResponseSchema, { ...base, event: { case: "valueYielded", value: { value: toYieldedValue(body.value) } } });
    default:
      return assertNever(body, "event");
  }
}

function durationOf(s: StepRecord): number {
  return s.finishedAtMs > 0 && s.startedAtMs > 0 ? s.finishedAtMs - s.startedAtMs : 0;
}

/** The fields a step summary and a step detail share. */
function summaryFields(s: StepRecord) {
  return {
    stepPath: s.path,
    name: s.name,
    primitive: s.primitive,
    tool: s.tool,
    status: s.status,
    attempt: s.attempt,
    startedAtMs: i64(s.startedAtMs),
    finishedAtMs: i64(s.finishedAtMs),
    durationMs: i64(durationOf(s)),
    error: s.error,
  };
}

export function toStepSummary(s: StepRecord): StepSummary {
  return create(StepSummarySchema, summaryFields(s));
}

/** An ask step's input is its AskSpec in proto JSON form. */
export function stepInputPayload(s: StepRecord): Payload | null {
  if (s.ask !== null) return { kind: "json", text: JSON.stringify(toJson(AskSpecSchema, toAskSpec(s.ask))) };
  return s.input;
}

export function toStepDetail(threadId: string, s: StepRecord, capBytes = DISPLAY_CAP_BYTES): StepDetail {
  const input = stepInputPayload(s);
  const inSrc = input === null ? undefined : payloadSource(input);
  const outSrc = s.output === null ? undefined : payloadSource(s.output);
  return create(StepDetailSchema, {
    ...summaryFields(s),
    inputData: inSrc === undefined ? new Uint8Array() : inSrc.read(0, Math.min(inSrc.size, capBytes)),
    outputData: outSrc === undefined ? new Uint8Array() : outSrc.read(0, Math.min(outSrc.size, capBytes)),
    inputTruncated: (inSrc?.size ?? 0) > capBytes,
    outputTruncated: (outSrc?.size ?? 0) > capBytes,
    inputTotalBytes: i64(inSrc?.size ?? 0),
    outputTotalBytes: i64(outSrc?.size ?? 0),
    executionId: executionIdOf(threadId, s),
    logsUrl: logsUrlOf(threadId, s),
    ask: s.ask === null ? undefined : toAskSpec(s.ask),
    recoverable: s.recoverable,
  });
}
