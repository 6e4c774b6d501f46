// The ask a paused thread waits on: its step path, the step detail and the AskSpec (null when the
// service describes no ask: the form then offers a JSON answer editor).
import type { ScriptumClient } from "../client";
import { StepStatus, type AskSpec, type StepDetail, type Thread } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { askFromStep } from "./askSource";
import { findStepWithStatus, loadStepDetail, loadStepSummaries } from "./loadStep";

export type LoadedAsk = {
  threadId: string;
  stepPath: string;
  step: StepDetail | null;
  ask: AskSpec | null;
};

export async function loadAsk(client: ScriptumClient, thread: Thread, signal?: AbortSignal): Promise<LoadedAsk> {
  let stepPath = thread.currentStepPath;
  if (stepPath === "") {
    stepPath = findStepWithStatus(await loadStepSummaries(client, thread.threadId, signal), StepStatus.WAITING);
  }
  if (stepPath === "") return { threadId: thread.threadId, stepPath, step: null, ask: null };
  const step = await loadStepDetail(client, thread.threadId, stepPath, signal);
  return { threadId: thread.threadId, stepPath, step, ask: step === null ? null : askFromStep(step) };
}

/** When the thread started waiting: the ask step's start, else the thread's. */
export function waitingSinceMs(thread: Thread, step: StepDetail | null): number {
  const candidates = [step?.startedAtMs, thread.startedAtMs, thread.createdAtMs];
  for (const value of candidates) {
    if (value !== undefined && value > 0n) return Number(value);
  }
  return 0;
}
