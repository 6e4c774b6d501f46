// The one pure reducer of a thread's live state. Events are keyed by sequence: a replayed or
// repeated sequence is dropped, an out-of-order one is put in its place, gaps are counted and
// tolerated. Every event becomes a compact timeline row (eventLog.ts); only thread and step
// events are also kept as messages. The GetThread snapshot is merged separately (applySnapshot).
// (The timeline's storage is shared between successive states, appended in place: see eventLog.ts.)
import { equals } from "@bufbuild/protobuf";
import type { Thread, WatchThreadResponse } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { ThreadSchema, ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { assertNever } from "../../assertNever";
import { appendEvent, emptyEventLog, indexOfSequence, insertEvents, type LateRow } from "./eventLog";
import { EventKind, keepsMessage, toEventRecord } from "./eventRecord";
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
    timeline: emptyEventLog(),
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

/** Applies one thread or step event to a fold (events must come in sequence order). */
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
    case undefined:
      // Counted by applyEvents: these are timeline rows only, never kept as messages.
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
  let timeline = state.timeline;
  let events: WatchThreadResponse[] | undefined;
  let fold: MutableFold | undefined;
  let refold = false;
  let yieldCount = state.fold.yieldCount;
  let unknownEvents = state.fold.unknownEvents;
  let maxSequence = state.maxSequence;
  let droppedDuplicates = state.droppedDuplicates;
  let droppedInvalid = state.droppedInvalid;
  /** Late events (below the highest sequence), put in their places in one merge at the end. */
  const late = new Map<number, LateRow>();

  for (const event of batch) {
    if (event.sequence <= 0n || (event.threadId !== "" && event.threadId !== state.threadId)) {
      droppedInvalid += 1;
      continue;
    }
    const sequence = Number(event.sequence);
    const isLate = event.sequence <= maxSequence;
    if (isLate && (late.has(sequence) || indexOfSequence(timeline, sequence) >= 0)) {
      droppedDuplicates += 1;
      continue;
    }
    const record = toEventRecord(event);
    const atMs = Number(event.occurredAtMs);
    if (isLate) {
      late.set(sequence, { sequence, atMs, record });
    } else {
      timeline = appendEvent(timeline, sequence, atMs, record);
      maxSequence = event.sequence;
    }
    if (record.kind === EventKind.ValueYielded) yieldCount += 1;
    if (record.kind === EventKind.Unknown) unknownEvents += 1;
    if (!keepsMessage(record.kind)) continue;
    events ??= state.events.slice();
    if (!isLate) {
      events.push(event);
      if (!refold) {
        fold ??= { ...state.fold };
        foldInto(fold, event);
      }
      continue;
    }
    events.splice(-findSequence(events, event.sequence) - 1, 0, event);
    refold = true;
  }
  timeline = insertEvents(timeline, [...late.values()]);

  if (timeline === state.timeline) {
    if (droppedDuplicates === state.droppedDuplicates && droppedInvalid === state.droppedInvalid) return state;
    return { ...state, droppedDuplicates, droppedInvalid };
  }
  const base = refold && events !== undefined ? foldEvents(events) : (fold ?? state.fold);
  const counted = base.yieldCount === yieldCount && base.unknownEvents === unknownEvents ? base : { ...base, yieldCount, unknownEvents };
  return {
    ...state,
    timeline,
    events: events ?? state.events,
    maxSequence,
    missingSequences: Number(maxSequence) - timeline.count,
    droppedDuplicates,
    droppedInvalid,
    fold: counted,
  };
}

/** Merges a GetThread result. It is at least as new as every event applied so far. */
export function applySnapshot(state: LiveThreadState, thread: Thread): LiveThreadState {
  if (thread.threadId !== "" && thread.threadId !== state.threadId) return state;
  const same = state.snapshot !== undefined && equals(ThreadSchema, state.snapshot, thread);
  if (same && state.snapshotAtSequence === state.maxSequence) return state;
  return { ...state, snapshot: thread, snapshotAtSequence: state.maxSequence };
}
