// What the page shows about a thread, derived from the live state (snapshot + events). Pure.
//
// Status precedence: a terminal status (from events or snapshot) is final; then a pause, either
// from a ThreadPaused event or from a paused snapshot that no later step event contradicts
// (the service does not forward ThreadPaused today, so a replay of a paused thread must not turn
// it back into "running"); then running when anything started; else the snapshot's status.
import { ThreadStatus, type WatchThreadResponse } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { isTerminalStatus } from "../threads/threadStatus";
import type { LiveThreadState, StepRef } from "./liveThreadState";

export interface ThreadView {
  readonly status: ThreadStatus;
  readonly error: string;
  readonly currentStepPath: string;
  readonly currentStepName: string;
  readonly totalSteps: number;
  readonly completedSteps: number;
  readonly startedAtMs: number;
  readonly finishedAtMs: number;
  /** Set while the thread waits for an answer (paused). */
  readonly waitingFor: { readonly stepPath: string; readonly stepName: string } | undefined;
  /** An ask step has started and not finished: the engine checks GetThread for a pause. */
  readonly openAsk: StepRef | undefined;
}

function stepPathOf(event: WatchThreadResponse): string | undefined {
  const e = event.event;
  switch (e.case) {
    case "stepStarted":
    case "stepFailed":
    case "threadPaused":
      return e.value.stepPath;
    default:
      return undefined;
  }
}

/** Whether step events after the pause point show that a paused snapshot is out of date. */
export function pauseContradicted(state: LiveThreadState, stepPath: string): boolean {
  const { events, fold } = state;
  if (stepPath === "") return state.snapshotAtSequence > 0n && fold.lastStepEventSequence > state.snapshotAtSequence;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i] as WatchThreadResponse;
    if (stepPathOf(event) === stepPath) return fold.lastStepEventSequence > event.sequence;
  }
  return false;
}

export function effectiveStatus(state: LiveThreadState): ThreadStatus {
  const { fold, snapshot } = state;
  if (fold.terminal !== undefined) return fold.terminal.status;
  if (snapshot !== undefined && isTerminalStatus(snapshot.status)) return snapshot.status;
  if (fold.paused !== undefined) {
    const newerRunning =
      snapshot?.status === ThreadStatus.RUNNING && state.snapshotAtSequence >= fold.paused.sequence;
    return newerRunning ? ThreadStatus.RUNNING : ThreadStatus.PAUSED;
  }
  if (snapshot?.status === ThreadStatus.PAUSED && !pauseContradicted(state, snapshot.currentStepPath)) {
    return ThreadStatus.PAUSED;
  }
  if (fold.started) return ThreadStatus.RUNNING;
  return snapshot?.status ?? ThreadStatus.UNSPECIFIED;
}

export function deriveThreadView(state: LiveThreadState): ThreadView {
  const { fold, snapshot } = state;
  const status = effectiveStatus(state);
  const eventsNewer = fold.currentStep !== undefined && fold.currentStep.sequence > state.snapshotAtSequence;
  const useEvents = eventsNewer || snapshot === undefined || snapshot.currentStepPath === "";
  const currentStepPath = useEvents ? (fold.currentStep?.path ?? "") : snapshot.currentStepPath;
  const currentStepName = useEvents ? (fold.currentStep?.name ?? "") : snapshot.currentStepName;
  const totalSteps = Math.max(fold.totalSteps, snapshot?.totalSteps ?? 0);
  let completedSteps = Math.max(fold.completedSteps, snapshot?.completedSteps ?? 0);
  if (status === ThreadStatus.COMPLETED && totalSteps > 0) completedSteps = totalSteps;

  let waitingFor: ThreadView["waitingFor"];
  if (status === ThreadStatus.PAUSED) {
    waitingFor =
      fold.paused !== undefined
        ? { stepPath: fold.paused.stepPath, stepName: fold.paused.stepName }
        : { stepPath: snapshot?.currentStepPath ?? currentStepPath, stepName: snapshot?.currentStepName ?? currentStepName };
  }
  const error =
    fold.terminal?.error ||
    (snapshot !== undefined && isTerminalStatus(snapshot.status) ? snapshot.error : "") ||
    (status === ThreadStatus.FAILED ? (snapshot?.error ?? "") : "");
  const startedAtMs = Number(snapshot?.startedAtMs || fold.startedAtMs);
  const finishedAtMs = Number(snapshot?.finishedAtMs || fold.terminal?.atMs || 0n);
  return {
    status,
    error,
    currentStepPath,
    currentStepName,
    totalSteps,
    completedSteps,
    startedAtMs,
    finishedAtMs: isTerminalStatus(status) ? finishedAtMs : 0,
    waitingFor,
    openAsk: status === ThreadStatus.RUNNING ? fold.openAsk : undefined,
  };
}
