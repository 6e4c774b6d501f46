// The inbox: every paused thread (all pages, with the page-token guard) and the ask each waits
// on, polled while the page is visible (TanStack Query pauses interval refetches in a hidden tab).
import { useCallback, useMemo, useState } from "react";
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useScriptumClient } from "../api/client";
import { loadAsk, type LoadedAsk } from "../api/asks/loadAsk";
import { listAllPages } from "../api/asks/pausedThreads";
import { ThreadStatus, type Thread } from "../api/gen/dodil/scriptum/v1/scriptum_pb";
import { sortEntries, toInboxEntry, type InboxEntry } from "../pages/approvals/inboxEntry";

export const INBOX_POLL_MS = 4_000;
/**
 * The ask of a step that waits does not change while it waits; the list (polled every 4 s) says
 * when a thread stops waiting or waits on another step (a new key, so a new read). So an ask is
 * read once, and again only this rarely, as a safety net: polled every 8 s, an inbox of N paused
 * threads sent N GetThreadResult every 8 s (7 threads: 56–64 a minute; 200: 25 a second).
 */
export const ASK_POLL_MS = 60_000;
export const ASK_STALE_MS = 30_000;

export const approvalsKeys = {
  all: ["approvals"] as const,
  paused: ["approvals", "paused"] as const,
  ask: (threadId: string, stepPath: string) => ["approvals", "ask", threadId, stepPath] as const,
  thread: (threadId: string) => ["approvals", "thread", threadId] as const,
};

export type ApprovalsInbox = {
  entries: InboxEntry[];
  status: "pending" | "error" | "success";
  error: unknown;
  /** When the list was last read (ms), for "updated hh:mm:ss". */
  updatedAt: number;
  isFetching: boolean;
  /** The answer went through: drop the entry now, without waiting for the next poll. */
  markAnswered: (threadId: string, stepPath: string) => void;
  refresh: () => void;
};

export function useApprovalsInbox(): ApprovalsInbox {
  const client = useScriptumClient();
  const queryClient = useQueryClient();
  const [answered, setAnswered] = useState<ReadonlySet<string>>(new Set());

  const list = useQuery({
    queryKey: approvalsKeys.paused,
    queryFn: ({ signal }) =>
      listAllPages(async (pageToken) => {
        const response = await client.listThreads(
          { statusFilter: ThreadStatus.PAUSED, pageSize: 100, pageToken },
          { signal },
        );
        return { threads: response.threads, nextPageToken: response.nextPageToken };
      }),
    refetchInterval: INBOX_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });

  const threads = useMemo(
    () =>
      (list.data ?? []).filter(
        (thread) => thread.status === ThreadStatus.PAUSED && !answered.has(answeredKey(thread.threadId, thread.currentStepPath)),
      ),
    [list.data, answered],
  );

  // Once the service no longer lists an answered ask, forget it (the same step may ask again).
  const listed = list.data;
  const [prunedFor, setPrunedFor] = useState(listed);
  if (listed !== prunedFor) {
    setPrunedFor(listed);
    if (listed !== undefined && answered.size > 0) {
      const present = new Set(listed.map((thread) => answeredKey(thread.threadId, thread.currentStepPath)));
      const next = new Set([...answered].filter((key) => present.has(key)));
      if (next.size !== answered.size) setAnswered(next);
    }
  }

  const asks = useQueries({
    queries: threads.map((thread) => ({
      queryKey: approvalsKeys.ask(thread.threadId, thread.currentStepPath),
      queryFn: ({ signal }: { signal: AbortSignal }) => loadAsk(client, thread, signal),
      refetchInterval: ASK_POLL_MS,
      refetchIntervalInBackground: false,
      staleTime: ASK_STALE_MS,
    })),
    combine: combineAsks,
  });

  const entries = useMemo(
    () => sortEntries(threads.map((thread: Thread, index) => toInboxEntry(thread, asks[index]?.data, asks[index]?.isError ?? false))),
    [threads, asks],
  );

  const markAnswered = useCallback(
    (threadId: string, stepPath: string) => {
      setAnswered((previous) => new Set(previous).add(answeredKey(threadId, stepPath)));
      void queryClient.invalidateQueries({ queryKey: approvalsKeys.paused });
    },
    [queryClient],
  );

  const refresh = useCallback(() => void list.refetch(), [list]);

  return {
    entries,
    status: list.status,
    error: list.error,
    updatedAt: list.dataUpdatedAt,
    isFetching: list.isFetching,
    markAnswered,
    refresh,
  };
}

function combineAsks(results: readonly { data: LoadedAsk | undefined; isError: boolean }[]) {
  return results.map((result) => ({ data: result.data, isError: result.isError }));
}

function answeredKey(threadId: string, stepPath: string): string {
  return `${threadId}|${stepPath}`;
}
