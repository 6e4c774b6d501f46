// A script's program: the ordered units the runtime executes for one thread. Programs are pure
// and deterministic: built from (thread id, input), they give the same units every time, so a
// restarted sandbox continues at the stored cursor and seeded threads can be synthesized.
import type { AskState, EventBody, Payload, StepInfo, StepRecord, ThreadRow } from "./model.js";

export interface RunContext {
  threadId: string;
  /** The thread's input with defaults applied. */
  input: Record<string, unknown>;
  step(path: string): StepRecord | undefined;
}

export type LeafResult =
  | { ok: true; output: Payload }
  | { ok: false; error: string; recoverable: boolean };

export interface YieldPlan {
  count: number;
  /** Spacing between values; `realTime` ones are not scaled by speed. */
  intervalMs: number;
  realTime: boolean;
  value(n: number, atMs: number): unknown;
}

export interface GroupStartUnit {
  kind: "group-start";
  step: StepInfo;
  input: Payload | null;
}

export interface GroupEndUnit {
  kind: "group-end";
  path: string;
  output(ctx: RunContext): Payload | null;
}

export interface LeafUnit {
  kind: "leaf";
  step: StepInfo;
  /** Unscaled duration at speed 1 (for yielding steps: the time after the last value). */
  durationMs: number;
  /** Durations of real-time steps are not divided by speed. */
  realTime?: boolean;
  input(ctx: RunContext): Payload;
  yields?: (ctx: RunContext) => YieldPlan;
  /** `input` is the effective input: the default, or a corrected one from ResumeThread. */
  run(ctx: RunContext, input: Payload): LeafResult;
}

export interface AskUnit {
  kind: "ask";
  step: StepInfo;
  /** The ask as it is when the step starts (attempt 1). */
  ask(ctx: RunContext, nowMs: number): AskState;
  /** The step's output when an answer is accepted. */
  answerOutput(answer: Record<string, unknown>): Payload;
}

/** Many steps at once (fanout): events for the steps in the batch, and an optional failure. */
export interface BatchUnit {
  kind: "batch";
  durationMs: number;
  stepsCompleted: number;
  currentStep: StepInfo;
  events(atMs: number): EventBody[];
  failure?: { path: string; error: string };
}

export type Unit = GroupStartUnit | GroupEndUnit | LeafUnit | AskUnit | BatchUnit;

/** Steps of a thread, in path order, possibly computed rather than stored (fanout). */
export interface StepsView {
  total: number;
  at(index: number): StepRecord | undefined;
  find(path: string): StepRecord | undefined;
  /** The step at `index` without its payloads (input/output null): enough for a StepSummary, cheaper. */
  summaryAt?(index: number): StepRecord | undefined;
}

export interface Program {
  totalSteps: number;
  unitAt(index: number): Unit | undefined;
  output(ctx: RunContext): Payload;
  /** Static description of every step (path order), for step lookups before they run. */
  stepInfo(path: string): StepInfo | undefined;
  /** When set, steps are computed from the thread row instead of stored. */
  computedSteps?: (row: ThreadRow) => StepsView;
}

export function arrayStepsView(steps: readonly StepRecord[]): StepsView {
  const byPath = new Map(steps.map((s) => [s.path, s]));
  return {
    total: steps.length,
    at: (i) => steps[i],
    find: (p) => byPath.get(p),
  };
}
