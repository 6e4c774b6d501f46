// Reading one step of a thread: GetThreadResult with the exact step_path, falling back to
// StreamStepResult for a service whose unary result has no step detail.
import type { ScriptumClient } from "../client";
import { StepStatus, type StepDetail, type StepSummary } from "../gen/dodil/scriptum/v1/scriptum_pb";

export type StepLookup = { stepDetail: StepDetail | null; summaries: readonly StepSummary[] };

export async function loadStepDetail(
  client: ScriptumClient,
  threadId: string,
  stepPath: string,
  signal?: AbortSignal,
): Promise<StepDetail | null> {
  const result = await client.getThreadResult({ threadId, stepPath }, { signal });
  const detail = result.stepDetails.find((step) => step.stepPath === stepPath) ?? result.stepDetails[0];
  if (detail !== undefined) return detail;
  return streamStepDetail(client, threadId, stepPath, signal);
}

async function streamStepDetail(
  client: ScriptumClient,
  threadId: string,
  stepPath: string,
  signal?: AbortSignal,
): Promise<StepDetail | null> {
  try {
    for await (const response of client.streamStepResult({ threadId, stepPath }, { signal })) {
      const record = response.record;
      if (record.case === "step" && record.value.stepPath === stepPath) return record.value;
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    // The stream is a fallback only: a service that cannot serve it leaves the step unknown.
  }
  return null;
}

/** The step summaries of a thread (no output payload). */
export async function loadStepSummaries(
  client: ScriptumClient,
  threadId: string,
  signal?: AbortSignal,
): Promise<readonly StepSummary[]> {
  const result = await client.getThreadResult({ threadId, metadataOnly: true }, { signal });
  return result.steps;
}

/** The step a thread waits at or failed at, when the thread does not say (deepest path wins). */
export function findStepWithStatus(summaries: readonly StepSummary[], status: StepStatus): string {
  let best = "";
  for (const step of summaries) {
    if (step.status !== status) continue;
    if (best === "" || step.stepPath.split(".").length >= best.split(".").length) best = step.stepPath;
  }
  return best;
}
