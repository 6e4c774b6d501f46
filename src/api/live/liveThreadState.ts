// The state of one thread as the live engine knows it: the latest GetThread snapshot and every
// WatchThread event, each once, ordered by sequence: all of them as compact timeline rows, and
// the thread and step events also as received. Built only by threadEventsReducer.ts.
import type { Thread, ThreadStatus, WatchThreadResponse } from "../gen/dodil/scriptum/v1/scriptum_pb";
import type { EventLog } from "./eventLog";

export interface StepRef {
  readonly path: string;
  readonly name: string;
  readonly primitive: string;
  readonly sequence: bigint;
}

/** What the events, folded in sequence order, say about the thread. */
export interface EventFold {
  readonly started: boolean;
  readonly startedAtMs: bigint;
  readonly terminal:
    | { readonly status: ThreadStatus; readonly error: string; readonly atMs: bigint; readonly sequence: bigint }
    | undefined;
  /** A ThreadPaused event with no step event after it (sent with `--fidelity complete` only). */
  readonly paused: { readonly stepPath: string; readonly stepName: string; readonly sequence: bigint } | undefined;
  readonly totalSteps: number;
  readonly completedSteps: number;
  /** The last step that started. */
  readonly currentStep: StepRef | undefined;
  /** The last step to start, if it is an ask step that has not finished: a pause is likely. */
  readonly openAsk: StepRef | undefined;
  readonly lastStepFailure: { readonly path: string; readonly error: string; readonly recoverable: boolean } | undefined;
  readonly lastStepEventSequence: bigint;
  readonly yieldCount: number;
  /** Events whose kind this console does not know (a newer server); shown, otherwise ignored. */
  readonly unknownEvents: number;
}

export interface LiveThreadState {
  readonly threadId: string;
  /** Every event as a timeline row, sorted by sequence; every sequence at most once. */
  readonly timeline: EventLog;
  /**
   * The thread and step events as received, sorted by sequence (what the fold and the step tree
   * read). Not yields, nor events of unknown kinds: those are timeline rows only, so that a
   * long run does not keep every yielded value's message and payload bytes.
   */
  readonly events: readonly WatchThreadResponse[];
  readonly maxSequence: bigint;
  /** Sequences below maxSequence never received (events the service does not forward). */
  readonly missingSequences: number;
  /** Replayed or repeated events that were dropped. */
  readonly droppedDuplicates: number;
  /** Events without a sequence or for another thread; dropped. */
  readonly droppedInvalid: number;
  readonly fold: EventFold;
  readonly snapshot: Thread | undefined;
  /** maxSequence when the snapshot arrived: the snapshot is at least as new as those events. */
  readonly snapshotAtSequence: bigint;
}
