// Pure state transitions of a thread. Each returns the Mutation to apply atomically (thread
// patch + step upserts + events); the store or the synthesizer applies it.
import { StepStatus, ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import type { AskUnit, BatchUnit, GroupEndUnit, GroupStartUnit, LeafUnit, Program } from "./program.js";
import type { AskState, FailReason, Mutation, Payload, StepInfo, StepRecord, ThreadRow } from "./model.js";
import { payloadSize } from "./payload.js";

function newStep(info: StepInfo, nowMs: number, attempt: number, input: Payload | null): StepRecord {
  return {
    path: info.path,
    name: info.name,
    primitive: info.primitive,
    tool: info.tool,
    ...(info.logsUrl === undefined ? {} : { logsUrl: info.logsUrl }),
    status: StepStatus.RUNNING,
    attempt,
    startedAtMs: nowMs,
    finishedAtMs: 0,
    error: "",
    recoverable: false,
    input,
    output: null,
    ask: null,
  };
}

function stepStartedEvent(info: StepInfo, attempt: number, program: Program, nowMs: number) {
  return {
    atMs: nowMs,
    body: {
      case: "stepStarted" as const,
      value: {
        stepPath: info.path,
        name: info.name,
        primitive: info.primitive,
        tool: info.tool,
        attempt,
        totalSteps: program.totalSteps,
      },
    },
  };
}

export function startThread(row: ThreadRow, program: Program, nowMs: number): Mutation {
  return {
    thread: { status: ThreadStatus.RUNNING, startedAtMs: nowMs, updatedAtMs: nowMs, totalSteps: program.totalSteps },
    events: [{ atMs: nowMs, body: { case: "threadStarted", value: { totalSteps: program.totalSteps } } }],
  };
}

export function groupStart(row: ThreadRow, unit: GroupStartUnit, program: Program, nowMs: number): Mutation {
  return {
    thread: {
      cursor: row.cursor + 1,
      currentStepPath: unit.step.path,
      currentStepName: unit.step.name,
      updatedAtMs: nowMs,
    },
    steps: [newStep(unit.step, nowMs, 1, unit.input)],
    events: [stepStartedEvent(unit.step, 1, program, nowMs)],
  };
}

export function groupEnd(row: ThreadRow, unit: GroupEndUnit, group: StepRecord, output: Payload | null, nowMs: number): Mutation {
  return {
    thread: { cursor: row.cursor + 1, completedSteps: row.completedSteps + 1, updatedAtMs: nowMs },
    steps: [{ ...group, status: StepStatus.COMPLETED, finishedAtMs: nowMs, output, error: "" }],
    events: [
      { atMs: nowMs, body: { case: "stepCompleted", value: { stepPath: unit.path, durationMs: nowMs - group.startedAtMs } } },
    ],
  };
}

/** Starting (or re-starting after a crash or a recovery) a leaf: attempt = previous + 1. */
export function leafStart(
  row: ThreadRow,
  unit: LeafUnit,
  previous: StepRecord | undefined,
  input: Payload,
  program: Program,
  nowMs: number,
): Mutation {
  const attempt = (previous?.attempt ?? 0) + 1;
  return {
    thread: { currentStepPath: unit.step.path, currentStepName: unit.step.name, updatedAtMs: nowMs },
    steps: [newStep(unit.step, nowMs, attempt, input)],
    events: [stepStartedEvent(unit.step, attempt, program, nowMs)],
  };
}

export function leafYield(path: string, index: number, value: unknown, nowMs: number): Mutation {
  return {
    events: [
      {
        atMs: nowMs,
        body: { case: "valueYielded", value: { index, stepPath: path, valueJson: JSON.stringify(value), yieldedAtMs: nowMs } },
      },
    ],
  };
}

export function leafComplete(row: ThreadRow, step: StepRecord, output: Payload, nowMs: number): Mutation {
  return {
    thread: { cursor: row.cursor + 1, completedSteps: row.completedSteps + 1, updatedAtMs: nowMs },
    steps: [{ ...step, status: StepStatus.COMPLETED, finishedAtMs: nowMs, output }],
    events: [
      { atMs: nowMs, body: { case: "stepCompleted", value: { stepPath: step.path, durationMs: nowMs - step.startedAtMs } } },
    ],
  };
}

/** A step fails and takes the thread with it; open ancestor groups are marked failed too. */
export function stepFail(
  row: ThreadRow,
  step: StepRecord,
  openAncestors: readonly StepRecord[],
  error: string,
  recoverable: boolean,
  failReason: FailReason,
  nowMs: number,
): Mutation {
  return {
    thread: {
      status: ThreadStatus.FAILED,
      error,
      finishedAtMs: nowMs,
      updatedAtMs: nowMs,
      failReason,
      recoverableStepPath: recoverable ? step.path : "",
      currentStepPath: step.path,
      currentStepName: step.name,
    },
    steps: [
      { ...step, status: StepStatus.FAILED, finishedAtMs: nowMs, error, recoverable },
      ...openAncestors.map((a) => ({
        ...a,
        status: StepStatus.FAILED,
        finishedAtMs: nowMs,
        error: `step ${step.path} failed`,
      })),
    ],
    events: [
      { atMs: nowMs, body: { case: "stepFailed", value: { stepPath: step.path, error, recoverable } } },
      { atMs: nowMs, body: { case: "threadFailed", value: { error, stepPath: step.path } } },
    ],
  };
}

export function askPause(row: ThreadRow, unit: AskUnit, ask: AskState, previous: StepRecord | undefined, program: Program, nowMs: number): Mutation {
  const attempt = (previous?.attempt ?? 0) + 1;
  const step: StepRecord = {
    ...newStep(unit.step, nowMs, attempt, null),
    status: StepStatus.WAITING,
    ask,
  };
  return {
    thread: {
      status: ThreadStatus.PAUSED,
      currentStepPath: unit.step.path,
      currentStepName: unit.step.name,
      updatedAtMs: nowMs,
    },
    steps: [step],
    events: [
      stepStartedEvent(unit.step, attempt, program, nowMs),
      { atMs: nowMs, body: { case: "threadPaused", value: { stepPath: unit.step.path, stepName: unit.step.name, ask } } },
    ],
  };
}

export function acceptAnswer(row: ThreadRow, step: StepRecord, output: Payload, nowMs: number): Mutation {
  return {
    thread: { status: ThreadStatus.RUNNING, cursor: row.cursor + 1, completedSteps: row.completedSteps + 1, updatedAtMs: nowMs },
    steps: [{ ...step, status: StepStatus.COMPLETED, finishedAtMs: nowMs, output }],
    events: [
      { atMs: nowMs, body: { case: "stepCompleted", value: { stepPath: step.path, durationMs: nowMs - step.startedAtMs } } },
    ],
  };
}

/** A rejected answer uses an attempt; the last one fails the thread. */
export function rejectAnswer(row: ThreadRow, step: StepRecord, nowMs: number): Mutation {
  const ask = step.ask;
  if (ask === null) throw new Error(`step ${step.path} is not an ask`);
  if (ask.attempt >= ask.maxAttempts) {
    const exhausted = { ...step, ask: { ...ask, attempt: ask.attempt + 1 } };
    return stepFail(row, exhausted, [], `ask at step ${step.path} ran out of attempts`, false, "ASK_NO_ATTEMPTS_LEFT", nowMs);
  }
  return {
    thread: { updatedAtMs: nowMs },
    steps: [{ ...step, ask: { ...ask, attempt: ask.attempt + 1 } }],
  };
}

export function expireAsk(row: ThreadRow, step: StepRecord, nowMs: number): Mutation {
  return stepFail(row, step, [], `ask at step ${step.path} expired`, false, "ASK_EXPIRED", nowMs);
}

export function completeThread(row: ThreadRow, output: Payload, nowMs: number): Mutation {
  const total = payloadSize(output);
  return {
    thread: { status: ThreadStatus.COMPLETED, finishedAtMs: nowMs, updatedAtMs: nowMs, output, outputTotalBytes: total, error: "" },
    events: [{ atMs: nowMs, body: { case: "threadCompleted", value: { outputTotalBytes: total } } }],
  };
}

/** ResumeThread on a recoverable failure: the step will re-run with the corrected input. */
export function recoverStep(row: ThreadRow, step: StepRecord, failedAncestors: readonly StepRecord[], input: Payload, nowMs: number): Mutation {
  return {
    thread: { status: ThreadStatus.RUNNING, error: "", finishedAtMs: 0, failReason: "", recoverableStepPath: "", updatedAtMs: nowMs },
    steps: [
      { ...step, input, status: StepStatus.FAILED },
      ...failedAncestors.map((a) => ({ ...a, status: StepStatus.RUNNING, finishedAtMs: 0, error: "" })),
    ],
  };
}

export function cancelThread(row: ThreadRow, activeSteps: readonly StepRecord[], reason: string, nowMs: number): Mutation {
  return {
    thread: { status: ThreadStatus.CANCELLED, finishedAtMs: nowMs, updatedAtMs: nowMs, cancelReason: reason, error: "" },
    steps: activeSteps.map((s) => ({ ...s, status: StepStatus.SKIPPED, finishedAtMs: nowMs, error: "cancelled" })),
    events: [{ atMs: nowMs, body: { case: "threadCancelled", value: { reason } } }],
  };
}

/** `withEvents` false: the row changes only (synthesizing a seeded thread's row). */
export function batch(row: ThreadRow, unit: BatchUnit, nowMs: number, withEvents = true): Mutation {
  const events = withEvents ? unit.events(nowMs).map((body) => ({ atMs: nowMs, body })) : [];
  const failure = unit.failure;
  if (failure !== undefined) {
    return {
      thread: {
        status: ThreadStatus.FAILED,
        error: failure.error,
        finishedAtMs: nowMs,
        updatedAtMs: nowMs,
        cursor: row.cursor + 1,
        completedSteps: row.completedSteps + unit.stepsCompleted,
        currentStepPath: failure.path,
        currentStepName: unit.currentStep.name,
      },
      events: [
        ...events,
        { atMs: nowMs, body: { case: "threadFailed", value: { error: failure.error, stepPath: failure.path } } },
      ],
    };
  }
  return {
    thread: {
      cursor: row.cursor + 1,
      completedSteps: row.completedSteps + unit.stepsCompleted,
      currentStepPath: unit.currentStep.path,
      currentStepName: unit.currentStep.name,
      updatedAtMs: nowMs,
    },
    events,
  };
}
