// WatchThread and WatchStep streams: replay the stored log, then stream live; no leaked listeners
// (the subscription and the abort listener are removed when the stream ends for any reason).
import { i64 } from "./int64.js";
import { create } from "@bufbuild/protobuf";
import {
  StepStatus,
  WatchStepResponseSchema,
  type WatchStepResponse,
  type WatchThreadResponse,
} from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { assertNever } from "./assertNever.js";
import { AsyncQueue } from "./asyncQueue.js";
import { isTerminal, type StoredEvent } from "./model.js";
import type { Runtime } from "./runtime.js";
import { toStepDetail, toWatchResponse } from "./toProto.js";

export type Fidelity = "today" | "complete";

/** Whether WatchThread forwards an event: today's runtime does not forward ThreadPaused. */
export function forwardsEvent(e: StoredEvent, fidelity: Fidelity): boolean {
  return fidelity === "complete" || e.body.case !== "threadPaused";
}

function isTerminalEvent(e: StoredEvent): boolean {
  const c = e.body.case;
  return c === "threadCompleted" || c === "threadFailed" || c === "threadCancelled";
}

/** Replay then live: yields stored events after `afterSeq` until `stop` says so or the signal aborts. */
async function* follow(
  runtime: Runtime,
  threadId: string,
  signal: AbortSignal,
  closeAfterReplay: () => boolean,
  closeOnLive: (e: StoredEvent) => boolean,
): AsyncGenerator<StoredEvent> {
  const queue = new AsyncQueue<StoredEvent>();
  const unsubscribe = runtime.bus.subscribe(threadId, (events) => queue.push(...events));
  try {
    let last = 0;
    for (;;) {
      // Reading the log and deciding to close happen in one synchronous block: nothing can be
      // committed in between.
      const events = runtime.view(threadId)?.events(last) ?? [];
      if (events.length === 0) {
        if (closeAfterReplay()) return;
        break;
      }
      for (const e of events) {
        last = e.seq;
        yield e;
      }
    }
    for (;;) {
      const batch = await queue.take(signal);
      if (batch === undefined) return;
      for (const e of batch) {
        if (e.seq <= last) continue;
        last = e.seq;
        yield e;
        if (closeOnLive(e)) return;
      }
    }
  } finally {
    unsubscribe();
  }
}

export async function* watchThread(runtime: Runtime, threadId: string, fidelity: Fidelity, signal: AbortSignal): AsyncGenerator<WatchThreadResponse> {
  const stream = follow(
    runtime,
    threadId,
    signal,
    () => {
      const row = runtime.view(threadId)?.row;
      return row === undefined || isTerminal(row.status);
    },
    isTerminalEvent,
  );
  for await (const e of stream) {
    if (forwardsEvent(e, fidelity)) yield toWatchResponse(threadId, e);
  }
}

/** The WatchStep message for a thread event of that step, if any. */
export function stepEvent(e: StoredEvent, stepPath: string, fidelity: Fidelity): WatchStepResponse | undefined {
  const base = { sequence: i64(e.seq), occurredAtMs: i64(e.atMs) };
  const body = e.body;
  switch (body.case) {
    case "stepStarted":
      if (body.value.stepPath !== stepPath) return undefined;
      return create(WatchStepResponseSchema, {
        ...base,
        event: { case: "decision", value: { stepPath, summary: `started ${body.value.name} (attempt ${body.value.attempt})` } },
      });
    case "valueYielded":
      if (body.value.stepPath !== stepPath) return undefined;
      return create(WatchStepResponseSchema, {
        ...base,
        event: { case: "decision", value: { stepPath, summary: `yielded value #${body.value.index}` } },
      });
    case "threadPaused":
      if (body.value.stepPath !== stepPath || fidelity === "today") return undefined;
      return create(WatchStepResponseSchema, {
        ...base,
        event: {
          case: "decision",
          value: { stepPath, summary: `waiting for an answer (attempt ${body.value.ask.attempt} of ${body.value.ask.maxAttempts})` },
        },
      });
    case "stepCompleted":
      if (body.value.stepPath !== stepPath) return undefined;
      return create(WatchStepResponseSchema, {
        ...base,
        event: { case: "done", value: { stepPath, durationMs: i64(body.value.durationMs), status: StepStatus.COMPLETED } },
      });
    case "stepFailed":
      if (body.value.stepPath !== stepPath) return undefined;
      return create(WatchStepResponseSchema, { ...base, event: { case: "failed", value: body.value } });
    case "threadStarted":
    case "threadCompleted":
    case "threadFailed":
    case "threadCancelled":
      return undefined;
    default:
      return assertNever(body, "event");
  }
}

export async function* watchStep(
  runtime: Runtime,
  threadId: string,
  stepPath: string,
  fidelity: Fidelity,
  signal: AbortSignal,
): AsyncGenerator<WatchStepResponse> {
  // The snapshot stands for every event up to its sequence: the replay that follows skips those,
  // so sequences only ever increase on this stream.
  let snapshotSeq = 0;
  if (fidelity === "complete") {
    const view = runtime.view(threadId);
    const step = view?.steps().find(stepPath);
    if (step !== undefined) {
      const seq = view?.row === undefined ? 0 : (view.events().at(-1)?.seq ?? 0);
      snapshotSeq = seq;
      yield create(WatchStepResponseSchema, {
        sequence: i64(seq),
        occurredAtMs: i64(Date.now()),
        event: { case: "snapshot", value: toStepDetail(threadId, step) },
      });
    }
  }
  const stream = follow(
    runtime,
    threadId,
    signal,
    () => {
      const view = runtime.view(threadId);
      if (view === undefined || isTerminal(view.row.status)) return true;
      const status = view.steps().find(stepPath)?.status;
      return status === StepStatus.COMPLETED || status === StepStatus.FAILED || status === StepStatus.SKIPPED;
    },
    (e) => isTerminalEvent(e) || ((e.body.case === "stepCompleted" || e.body.case === "stepFailed") && e.body.value.stepPath === stepPath),
  );
  for await (const e of stream) {
    if (e.seq <= snapshotSeq) continue;
    const m = stepEvent(e, stepPath, fidelity);
    if (m !== undefined) yield m;
  }
}
