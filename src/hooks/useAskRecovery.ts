// A failed thread's recoverable step, for "Retry with corrected input": the thread (it must still
// be failed) and the step's error and last input.
import { useQuery } from "@tanstack/react-query";
import { useScriptumClient } from "../api/client";
import { loadRecoverableStep, type RecoverableStep } from "../api/asks/loadRecoverableStep";
import { ThreadStatus, type Thread } from "../api/gen/dodil/scriptum/v1/scriptum_pb";

export type AskRecovery = { thread: Thread; step: RecoverableStep; available: boolean };

export function askRecoveryKey(threadId: string, stepPath: string) {
  return ["approvals", "recovery", threadId, stepPath] as const;
}

export function useAskRecovery(threadId: string, stepPath: string, enabled = true) {
  const client = useScriptumClient();
  return useQuery({
    queryKey: askRecoveryKey(threadId, stepPath),
    enabled,
    queryFn: async ({ signal }): Promise<AskRecovery> => {
      const thread = await client.getThread({ threadId }, { signal });
      const hint = stepPath !== "" ? stepPath : thread.currentStepPath;
      const step = await loadRecoverableStep(client, threadId, hint, signal);
      return { thread, step, available: thread.status === ThreadStatus.FAILED && step.recoverable };
    },
  });
}
