// "Compare with last success": the latest completed thread of the same script, both runs' step
// summaries, and the failing step's input and output in each run (full outputs when chunked
// and not too big).
import { useQuery } from "@tanstack/react-query";
import { Code } from "@connectrpc/connect";
import type { StepDetail, StepSummary, Thread } from "../api/gen/dodil/scriptum/v1/scriptum_pb";
import { useScriptumClient, type ScriptumClient } from "../api/client";
import { hasCode } from "../api/errors";
import { findLastSuccess } from "../api/results/lastSuccess";
import { loadStepDetail, streamStepPayload } from "../api/steps/stepStream";

export interface StepSide {
  detail: StepDetail | null;
  input: string;
  output: string;
  /** Still a truncated preview (the full payload was not available or too big). */
  inputPartial: boolean;
  outputPartial: boolean;
}

export interface Comparison {
  good: Thread | null;
  thisSteps: StepSummary[];
  goodSteps: StepSummary[];
  thisStep: StepSide;
  goodStep: StepSide;
}

const FULL_MAX = 8 * 1024 * 1024;
const dec = new TextDecoder();

async function side(client: ScriptumClient, threadId: string, stepPath: string, signal: AbortSignal, known: boolean): Promise<StepSide> {
  let detail: StepDetail;
  try {
    detail = await loadStepDetail(client, threadId, stepPath, signal, { known });
  } catch (err) {
    if (hasCode(err, Code.NotFound)) return { detail: null, input: "", output: "", inputPartial: false, outputPartial: false };
    throw err;
  }
  let output = dec.decode(detail.outputData);
  let outputPartial = detail.outputTruncated;
  if (detail.outputTruncated && Number(detail.outputTotalBytes) <= FULL_MAX) {
    const full = await streamStepPayload(client, threadId, stepPath, "output", { signal });
    if (!full.unavailable && full.complete) {
      output = dec.decode(full.data);
      outputPartial = false;
    }
  }
  return { detail, input: dec.decode(detail.inputData), output, inputPartial: detail.inputTruncated, outputPartial };
}

export function useStepComparison(threadId: string, scriptName: string, stepPath: string, enabled: boolean) {
  const client = useScriptumClient();
  return useQuery<Comparison>({
    queryKey: ["scriptum", "compareLastSuccess", threadId, scriptName, stepPath],
    enabled: enabled && scriptName !== "" && stepPath !== "",
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const good = await findLastSuccess(client, scriptName, threadId, signal);
      const thisResult = await client.getThreadResult({ threadId, metadataOnly: true }, { signal });
      const thisStep = await side(client, threadId, stepPath, signal, true);
      if (good === null) {
        return { good, thisSteps: thisResult.steps, goodSteps: [], thisStep, goodStep: { detail: null, input: "", output: "", inputPartial: false, outputPartial: false } };
      }
      const goodResult = await client.getThreadResult({ threadId: good.threadId, metadataOnly: true }, { signal });
      // The good run may not have the step: ask in a way whose NOT_FOUND is not a failed request.
      const goodStep = await side(client, good.threadId, stepPath, signal, false);
      return { good, thisSteps: thisResult.steps, goodSteps: goodResult.steps, thisStep, goodStep };
    },
  });
}
