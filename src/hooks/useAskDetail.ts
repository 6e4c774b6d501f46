// One thread opened in the approvals page: the thread (polled while visible) and, while it is
// paused, the ask it waits on (shared cache entry with the inbox).
import { useQuery } from "@tanstack/react-query";
import { useScriptumClient } from "../api/client";
import { loadAsk } from "../api/asks/loadAsk";
import { ThreadStatus } from "../api/gen/dodil/scriptum/v1/scriptum_pb";
import { approvalsKeys, ASK_POLL_MS, ASK_STALE_MS } from "./useApprovalsInbox";

export const THREAD_POLL_MS = 3_000;

export function useAskDetail(threadId: string) {
  const client = useScriptumClient();
  const thread = useQuery({
    queryKey: approvalsKeys.thread(threadId),
    queryFn: ({ signal }) => client.getThread({ threadId }, { signal }),
    refetchInterval: THREAD_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const data = thread.data;
  const paused = data?.status === ThreadStatus.PAUSED;
  const stepPath = data?.currentStepPath ?? "";
  const ask = useQuery({
    queryKey: approvalsKeys.ask(threadId, stepPath),
    queryFn: ({ signal }) => {
      if (data === undefined) throw new Error("thread not loaded");
      return loadAsk(client, data, signal);
    },
    enabled: paused,
    refetchInterval: ASK_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: ASK_STALE_MS,
  });
  return { thread, ask };
}
