// The thread history for a filter set: ListThreads pages (newest first) with the loop guard,
// merged so that no thread is listed twice. Pages are not refetched as a whole (that could be
// hundreds of calls): useThreadsHead keeps the newest threads fresh instead.
import { useCallback, useMemo } from "react";
import { infiniteQueryOptions, useInfiniteQuery, type QueryClient } from "@tanstack/react-query";
import type { Thread } from "../api/gen/dodil/scriptum/v1/scriptum_pb";
import { ThreadStatus } from "../api/gen/dodil/scriptum/v1/scriptum_pb";
import { useScriptumClient, type ScriptumClient } from "../api/client";
import type { HistoryFilters } from "../api/threads/historyFilters";
import { mergePages, nextPageParam, pagingEnd, type PagingEnd, type ThreadPage } from "../api/threads/pagingGuard";

export const historyPageSize = 100;

export function threadsQueryKey(kind: string, filters: HistoryFilters): readonly unknown[] {
  return ["scriptum", "threads", kind, filters.status ?? "any", filters.script ?? ""];
}

export interface ThreadsHistory {
  readonly threads: readonly Thread[];
  /** Set once paging has ended (exhausted, or stopped by the loop guard). */
  readonly end: PagingEnd | undefined;
  readonly loadMore: () => void;
  readonly loadingMore: boolean;
  readonly isPending: boolean;
  readonly error: unknown;
  readonly reload: () => void;
}

/** The history query of a filter set: what the page observes and what a route prefetches. */
export function threadsHistoryQuery(client: ScriptumClient, filters: HistoryFilters, pageSize = historyPageSize) {
  return infiniteQueryOptions({
    queryKey: [...threadsQueryKey("history", filters), pageSize],
    queryFn: async ({ pageParam, signal }): Promise<ThreadPage> => {
      const res = await client.listThreads(
        {
          pageSize,
          pageToken: pageParam,
          statusFilter: filters.status ?? ThreadStatus.UNSPECIFIED,
          scriptNameFilter: filters.script ?? "",
        },
        { signal },
      );
      return { threads: res.threads, nextPageToken: res.nextPageToken };
    },
    initialPageParam: "",
    getNextPageParam: (_last, pages, _lastParam, params) => nextPageParam(pages, params),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/**
 * Starts the first page while the page's code is still loading (the /threads route's loader), so
 * the answer and the code arrive together. Nothing is sent when the page is cached already.
 */
export function prefetchThreadsHistory(queryClient: QueryClient, client: ScriptumClient, filters: HistoryFilters): void {
  void queryClient.prefetchInfiniteQuery(threadsHistoryQuery(client, filters));
}

export function useThreadsHistory(filters: HistoryFilters, pageSize = historyPageSize): ThreadsHistory {
  const client = useScriptumClient();
  const query = useInfiniteQuery(threadsHistoryQuery(client, filters, pageSize));
  const pages = query.data?.pages;
  const params = query.data?.pageParams as string[] | undefined;
  const threads = useMemo(() => (pages === undefined ? [] : mergePages(pages)), [pages]);
  const end = useMemo(() => (pages === undefined || params === undefined ? undefined : pagingEnd(pages, params)), [pages, params]);
  const { fetchNextPage, hasNextPage, isFetchingNextPage, refetch } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    threads,
    end,
    loadMore,
    loadingMore: isFetchingNextPage,
    isPending: query.isPending,
    error: query.error,
    reload,
  };
}
