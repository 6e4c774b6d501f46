// GetThreadResult for the results panel: output metadata and preview (capped near 4 MiB by the
// service) and the yields. Step summaries are not asked for (the tree has them).
import { useQuery } from "@tanstack/react-query";
import { useScriptumClient } from "../api/client";
import { listArtifacts } from "../api/results/artifacts";

export const resultKey = (threadId: string) => ["scriptum", "threadResult", threadId] as const;

export function useResultSummary(threadId: string, terminal: boolean) {
  const client = useScriptumClient();
  return useQuery({
    queryKey: [...resultKey(threadId), terminal],
    queryFn: ({ signal }) => client.getThreadResult({ threadId, outputOnly: true }, { signal }),
    staleTime: terminal ? Infinity : 5_000,
    refetchInterval: terminal ? false : 10_000,
  });
}

export function useResultArtifacts(threadId: string) {
  const client = useScriptumClient();
  return useQuery({
    queryKey: ["scriptum", "artifacts", threadId],
    queryFn: ({ signal }) => listArtifacts(client, threadId, signal),
    staleTime: 60_000,
  });
}
