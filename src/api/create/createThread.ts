// CreateThread from the browser: the twin of `thread create`. Never retried (a retry could start a
// second thread); the new thread is put in the cache so its page opens without waiting.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Thread } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { useScriptumClient } from "../client";

/** The fields of CreateThreadRequest the console sets (execution_mode is left to the service). */
export interface CreateThreadInput {
  scriptName: string;
  /** 0 = the script's active version. */
  version: number;
  inputJson: string;
  loadEnv: boolean;
  metadata: Record<string, string>;
  timeout: string;
  callbackUrl: string;
}

export function useCreateThread() {
  const client = useScriptumClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateThreadInput): Promise<Thread> => client.createThread(input),
    retry: false,
    onSuccess: (thread) => {
      queryClient.setQueryData(threadQueryKey(thread.threadId), thread);
      void queryClient.invalidateQueries({ queryKey: ["scriptum", "threads"] });
    },
  });
}

/** The key GetThread results live under (shared with the history's row refresh). */
export function threadQueryKey(threadId: string) {
  return ["scriptum", "thread", threadId] as const;
}
