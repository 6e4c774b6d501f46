// The one pure reducer of a thread's live state. Events are keyed by sequence: a replayed or
// repeated sequence is dropped, an out-of-order one is put in its place, gaps are counted and
// tolerated. The GetThread snapshot is merged separately (applySnapshot).
import { equals } from "@bufbuild/protobuf";
import type { Thread, WatchThreadResponse } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { ThreadSchema, ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { assertNever } from "../../assertNever";
import type { EventFold, LiveThreadState } from "./liveThreadState";

export const emptyFold: EventFold = {
  started: false,
  startedAtMs: 0n,
  terminal: undefined,
  paused: undefined,
  totalSteps: 0,
  completedSteps: 0,
  currentStep: undefined,
  openAsk: undefined,
  lastStepFailure: undefined,
  lastStepEventSequence: 0n,
  yieldCount: 0,
  unknownEvents: 0,
};

export function initialLiveState(threadId: string): LiveThreadState {
  return {
    threadId,
    events: [],
    maxSequence: 0n,
    missingSequences: 0,
    droppedDuplicates: 0,
    droppedInvalid: 0,
    fold: emptyFold,
    snapshot: undefined,
    snapshotAtSequence: 0n,
  };
}

export function isAskPrimitive(primitive: string): boolean {
  return primitive.toLowerCase() === "ask";
}

type MutableFold = { -readonly [K in keyof EventFold]: EventFold[K] };

/** Applies one event to a fold (events must come in sequence order). */
function foldInto(fold: MutableFold, event: WatchThreadResponse): void {
  const sequence = event.sequence;
  const e = event.event;
  switch (e.case) {
    case "threadStarted":
      fold.started = true;
      fold.startedAtMs = event.occurredAtMs;
      fold.totalSteps = Math.max(fold.totalSteps, e.value.totalSteps);
      return;
    case "threadCompleted":
      fold.terminal = { status: ThreadStatus.COMPLETED, error: "", atMs: event.occurredAtMs, sequence };
      fold.openAsk = undefined;
      fold.paused = undefined;
      return;
    case "threadFailed":
      fold.terminal = { status: ThreadStatus.FAILED, error: e.value.error, atMs: event.occurredAtMs, sequence };
      fold.openAsk = undefined;
      fold.paused = undefined;
      return;
    case "threadCancelled":
      fold.terminal = { status: ThreadStatus.CANCELLED, error: e.value.reason, atMs: event.occurredAtMs, sequence };
      fold.openAsk = undefined;
      fold.paused = undefined;
      return;
    case "threadPaused":
      fold.paused = { stepPath: e.value.stepPath, stepName: e.value.stepName, sequence };
      return;
    case "stepStarted": {
      const step = { path: e.value.stepPath, name: e.value.name, primitive: e.value.primitive, sequence };
      fold.started = true;
      fold.currentStep = step;
      fold.openAsk = isAskPrimitive(step.primitive) ? step : undefined;
      fold.paused = undefined;
      fold.totalSteps = Math.max(fold.totalSteps, e.value.totalSteps);
      fold.lastStepEventSequence = sequence;
      return;
    }
    case "stepCompleted":
      fold.completedSteps += 1;
      if (fold.openAsk?.path === e.value.stepPath) fold.openAsk = undefined;
      fold.paused = undefined;
      fold.lastStepEventSequence = sequence;
      return;
    case "stepFailed":
      fold.lastStepFailure = { path: e.value.stepPath, error: e.value.error, recoverable: e.value.recoverable };
      if (fold.openAsk?.path === e.value.stepPath) fold.openAsk = undefined;
      fold.paused = undefined;
      fold.lastStepEventSequence = sequence;
      return;
    case "valueYielded":
      fold.yieldCount += 1;
      return;
    case undefined:
      fold.unknownEvents += 1;
      return;
    default:
      assertNever(e, "WatchThread event");
  }
}

export function foldEvents(events: readonly WatchThreadResponse[]): EventFold {
  const fold: MutableFold = { ...emptyFold };
  for (const event of events) foldInto(fold, event);
  return fold;
}

/** Index of `sequence` in sorted `events`, or -(insertion point) - 1 when absent. */
function findSequence(events: readonly WatchThreadResponse[], sequence: bigint): number {
  let lo = 0;
  let hi = events.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = (events[mid] as WatchThreadResponse).sequence;
    if (s === sequence) return mid;
    if (s < sequence) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

/**
 * Applies a batch of WatchThread events. Returns the same object when nothing changed, so a
 * whole replay of known events causes no render.
 */
export function applyEvents(state: LiveThreadState, batch: readonly WatchThreadResponse[]): LiveThreadState {
  if (batch.length === 0) return state;
  let events: WatchThreadResponse[] | undefined;
  let fold: MutableFold | undefined;
  let refold = false;
  let maxSequence = state.maxSequence;
  let droppedDuplicates = state.droppedDuplicates;
  let droppedInvalid = state.droppedInvalid;

  for (const event of batch) {
    if (event.sequence <= 0n || (event.threadId !== "" && event.threadId !== state.threadId)) {
      droppedInvalid += 1;
      continue;
    }
    if (event.sequence > maxSequence) {
      events ??= state.events.slice();
      events.push(event);
      maxSequence = event.sequence;
      if (!refold) {
        fold ??= { ...state.fold };
        foldInto(fold, event);
      }
      continue;
    }
    const current: readonly WatchThreadResponse[] = events ?? state.events;
    const at = findSequence(current, event.sequence);
    if (at >= 0) {
      droppedDuplicates += 1;
      continue;
    }
    events ??= state.events.slice();
    events.splice(-at - 1, 0, event);
    refold = true;
  }

  if (events === undefined) {
    if (droppedDuplicates === state.droppedDuplicates && droppedInvalid === state.droppedInvalid) return state;
    return { ...state, droppedDuplicates, droppedInvalid };
  }
  return {
    ...state,
    events,
    maxSequence,
    missingSequences: Number(maxSequence) - events.length,
    droppedDuplicates,
    droppedInvalid,
    fold: refold ? foldEvents(events) : (fold ?? state.fold),
  };
}

/** Merges a GetThread result. It is at least as new as every event applied so far. */
export function applySnapshot(state: LiveThreadState, thread: Thread): LiveThreadState {
  if (thread.threadId !== "" && thread.threadId !== state.threadId) return state;
  const same = state.snapshot !== undefined && equals(ThreadSchema, state.snapshot, thread);
  if (same && state.snapshotAtSequence === state.maxSequence) return state;
  return { ...state, snapshot: thread, snapshotAtSequence: state.maxSequence };
}
