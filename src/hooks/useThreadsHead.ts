// The newest threads of a filter set, re-read every few seconds while the tab is visible (react
// query pauses interval refetches in a hidden tab). Feeds "N new threads" and row updates.
import { useQuery } from "@tanstack/react-query";
import { ThreadStatus, type Thread } from "../api/gen/dodil/scriptum/v1/scriptum_pb";
import { useScriptumClient } from "../api/client";
import type { HistoryFilters } from "../api/threads/historyFilters";
import { threadsQueryKey } from "./useThreadsHistory";

export const headRefreshMs = 5_000;
export const headPageSize = 50;

export function useThreadsHead(filters: HistoryFilters, enabled = true): readonly Thread[] | undefined {
  const client = useScriptumClient();
  const query = useQuery({
    queryKey: threadsQueryKey("head", filters),
    queryFn: async ({ signal }) =>
      (
        await client.listThreads(
          {
            pageSize: headPageSize,
            statusFilter: filters.status ?? ThreadStatus.UNSPECIFIED,
            scriptNameFilter: filters.script ?? "",
          },
          { signal },
        )
      ).threads,
    enabled,
    refetchInterval: headRefreshMs,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  return query.data;
}
