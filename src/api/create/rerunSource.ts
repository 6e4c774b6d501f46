// The thread a rerun starts from (GetThread), for /new?rerun=<threadId>.
import { useQuery } from "@tanstack/react-query";
import type { Thread } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { useScriptumClient } from "../client";
import { threadQueryKey } from "./createThread";

export function useRerunSource(threadId: string | null) {
  const client = useScriptumClient();
  return useQuery({
    queryKey: threadQueryKey(threadId ?? ""),
    queryFn: ({ signal }): Promise<Thread> => client.getThread({ threadId: threadId ?? "" }, { signal }),
    enabled: threadId !== null && threadId !== "",
    // A rerun copies what the thread was started with, which does not change.
    staleTime: 60_000,
  });
}
