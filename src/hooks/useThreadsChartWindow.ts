// The bounded window the history charts are computed from: the latest `limit` threads of the
// filter set (the service has no aggregate API). Paged with the same loop guard as the list.
import { useQuery } from "@tanstack/react-query";
import { ThreadStatus, type Thread } from "../api/gen/dodil/scriptum/v1/scriptum_pb";
import { useScriptumClient } from "../api/client";
import type { HistoryFilters } from "../api/threads/historyFilters";
import { mergePages, nextPageParam, type ThreadPage } from "../api/threads/pagingGuard";
import { threadsQueryKey } from "./useThreadsHistory";

export const chartWindowSize = 500;
const chartPageSize = 250;

export function useThreadsChartWindow(filters: HistoryFilters, limit = chartWindowSize) {
  const client = useScriptumClient();
  return useQuery({
    queryKey: [...threadsQueryKey("chart-window", filters), limit],
    queryFn: async ({ signal }): Promise<Thread[]> => {
      const pages: ThreadPage[] = [];
      const params: string[] = [];
      let token: string | undefined = "";
      while (token !== undefined) {
        params.push(token);
        const res = await client.listThreads(
          {
            pageSize: chartPageSize,
            pageToken: token,
            statusFilter: filters.status ?? ThreadStatus.UNSPECIFIED,
            scriptNameFilter: filters.script ?? "",
          },
          { signal },
        );
        pages.push({ threads: res.threads, nextPageToken: res.nextPageToken });
        if (mergePages(pages).length >= limit) break;
        token = nextPageParam(pages, params);
      }
      return mergePages(pages).slice(0, limit);
    },
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
    staleTime: 15_000,
  });
}
