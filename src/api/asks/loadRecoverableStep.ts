// The failed step of a thread that ResumeThread can continue with corrected input, and that step's
// last input (the correction form starts from it).
import type { ScriptumClient } from "../client";
import { StepStatus, type StepDetail } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { parseJsonBytes } from "./askSource";
import { findStepWithStatus, loadStepDetail, loadStepSummaries } from "./loadStep";

export type RecoverableStep = {
  stepPath: string;
  step: StepDetail | null;
  /** The step's last input as JSON; undefined when absent, truncated or not JSON. */
  lastInput: unknown;
  recoverable: boolean;
};

export async function loadRecoverableStep(
  client: ScriptumClient,
  threadId: string,
  stepPathHint: string,
  signal?: AbortSignal,
): Promise<RecoverableStep> {
  let stepPath = stepPathHint;
  if (stepPath === "") {
    stepPath = findStepWithStatus(await loadStepSummaries(client, threadId, signal), StepStatus.FAILED);
  }
  if (stepPath === "") return { stepPath, step: null, lastInput: undefined, recoverable: false };
  const step = await loadStepDetail(client, threadId, stepPath, signal);
  if (step === null) return { stepPath, step, lastInput: undefined, recoverable: false };
  return {
    stepPath,
    step,
    lastInput: step.inputTruncated ? undefined : parseJsonBytes(step.inputData),
    recoverable: step.recoverable,
  };
}
