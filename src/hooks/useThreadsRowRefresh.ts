// Fresh copies of the visible rows that can still change (running, pending, paused) and that the
// head refresh does not cover: GetThread each, every few seconds while the tab is visible.
// Bounded, so a screen of running threads costs at most `limit` calls per interval.
import { useQueries } from "@tanstack/react-query";
import type { Thread } from "../api/gen/dodil/scriptum/v1/scriptum_pb";
import { useScriptumClient } from "../api/client";

export const rowRefreshMs = 5_000;

export function useThreadsRowRefresh(threadIds: readonly string[], limit = 20): Map<string, Thread> {
  const client = useScriptumClient();
  const ids = threadIds.slice(0, limit);
  return useQueries({
    queries: ids.map((threadId) => ({
      queryKey: ["scriptum", "thread", threadId],
      queryFn: ({ signal }: { signal: AbortSignal }) => client.getThread({ threadId }, { signal }),
      refetchInterval: rowRefreshMs,
      refetchIntervalInBackground: false,
      staleTime: rowRefreshMs,
    })),
    combine: (results) => {
      const map = new Map<string, Thread>();
      for (const r of results) if (r.data !== undefined) map.set(r.data.threadId, r.data);
      return map;
    },
  });
}
