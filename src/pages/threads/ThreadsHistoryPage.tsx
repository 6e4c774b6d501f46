// /threads: the thread history. Filters in the URL (invalid values get a notice), quick filters,
// paging with the loop guard, a virtualized table, live refresh of the newest threads while the
// tab is visible ("N new threads", never jumping under the pointer), fresh status of visible
// rows, a thread-id search box, and lazily loaded charts from a bounded window.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import type { Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { filtersToQuery, parseHistoryFilters, type HistoryFilters } from "../../api/threads/historyFilters";
import { findNewThreads, freshRows } from "../../api/threads/newThreads";
import { pagingEndNotice } from "../../api/threads/pagingGuard";
import { isTerminalStatus } from "../../api/threads/threadStatus";
import { useThreadsHead } from "../../hooks/useThreadsHead";
import { useThreadsHistory } from "../../hooks/useThreadsHistory";
import { useThreadsRowRefresh } from "../../hooks/useThreadsRowRefresh";
import { paths } from "../../routes";
import { ErrorMessage } from "../../components/common/ErrorMessage";
import { ThreadsChartsSection } from "../../components/charts/ThreadsChartsSection";
import { ThreadsFilterBar } from "../../components/threads/ThreadsFilterBar";
import { ThreadsTable } from "../../components/threads/ThreadsTable";

export default function ThreadsHistoryPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { filters, notices } = useMemo(() => parseHistoryFilters(params), [params]);
  const onChange = useCallback((next: HistoryFilters) => void navigate(paths.threads(filtersToQuery(next))), [navigate]);
  const key = `${filters.status ?? ""}|${filters.script ?? ""}`;
  return (
    <div className="page threads-page">
      <header className="page-header">
        <h1>Threads</h1>
        <p className="page-header__lead">Newest first. Filters are kept in the address, so a link reproduces this view.</p>
      </header>
      {notices.map((notice) => (
        <p key={notice} className="notice notice--warning" role="status" data-testid="filter-notice">
          {notice}
        </p>
      ))}
      <HistoryView key={key} filters={filters} onChange={onChange} />
    </div>
  );
}

function HistoryView({ filters, onChange }: { filters: HistoryFilters; onChange: (f: HistoryFilters) => void }) {
  const history = useThreadsHistory(filters);
  // The head refresh starts once the first page has been committed and painted (a task later),
  // so it never competes with the first rows.
  const [headReady, setHeadReady] = useState(false);
  useEffect(() => {
    if (history.isPending || headReady) return;
    const timer = setTimeout(() => setHeadReady(true), 0);
    return () => clearTimeout(timer);
  }, [history.isPending, headReady]);
  const head = useThreadsHead(filters, headReady && !history.isPending);
  const [prepended, setPrepended] = useState<readonly Thread[]>([]);
  const visibleIds = useSettledVisibleIds();

  const baseRows = useMemo(() => {
    const seen = new Set<string>();
    const out: Thread[] = [];
    for (const t of [...prepended, ...history.threads]) {
      if (seen.has(t.threadId)) continue;
      seen.add(t.threadId);
      out.push(t);
    }
    return out;
  }, [prepended, history.threads]);
  const listed = useMemo(() => new Set(baseRows.map((t) => t.threadId)), [baseRows]);
  const newThreads = useMemo(
    () => (head === undefined || history.isPending ? [] : findNewThreads(head, listed, baseRows[0]?.createdAtMs ?? 0n)),
    [head, listed, baseRows, history.isPending],
  );
  const fromHead = useMemo(() => (head === undefined ? new Map<string, Thread>() : freshRows(head, listed)), [head, listed]);
  const byId = useMemo(() => new Map(baseRows.map((t) => [t.threadId, t])), [baseRows]);
  const refreshIds = useMemo(
    () =>
      visibleIds.ids.filter((id) => {
        const t = byId.get(id);
        return t !== undefined && !fromHead.has(id) && !isTerminalStatus(t.status);
      }),
    [visibleIds.ids, byId, fromHead],
  );
  const fromRows = useThreadsRowRefresh(refreshIds);
  const rows = useMemo(
    () =>
      fromHead.size === 0 && fromRows.size === 0
        ? baseRows
        : baseRows.map((t) => fromHead.get(t.threadId) ?? fromRows.get(t.threadId) ?? t),
    [baseRows, fromHead, fromRows],
  );
  const scripts = useMemo(() => [...new Set(rows.map((t) => t.scriptName))].sort(), [rows]);
  const endNotice = history.end === undefined ? undefined : pagingEndNotice(history.end);
  const showNewAtOnce = baseRows.length === 0 && newThreads.length > 0;

  return (
    <>
      <ThreadsFilterBar key={filters.script ?? ""} filters={filters} scripts={scripts} onChange={onChange} />
      <div role="status" aria-live="polite" className="threads-new">
        {newThreads.length > 0 && !showNewAtOnce ? (
          <button type="button" className="btn btn--small btn--primary" data-testid="new-threads" onClick={() => setPrepended((p) => [...newThreads, ...p])}>
            {newThreads.length === 1 ? "1 new thread" : `${newThreads.length} new threads`}: show
          </button>
        ) : null}
      </div>
      {history.error != null ? (
        <ErrorMessage error={history.error} title="Could not load threads">
          <button type="button" className="btn btn--small" onClick={history.reload}>
            Try again
          </button>
        </ErrorMessage>
      ) : history.isPending ? (
        <p className="muted">Loading threads…</p>
      ) : (
        <ThreadsTable
          rows={showNewAtOnce ? newThreads : rows}
          hasMore={history.end === undefined}
          loadingMore={history.loadingMore}
          onLoadMore={history.loadMore}
          onVisibleChange={visibleIds.report}
          footer={
            endNotice !== undefined ? (
              <span className="notice notice--info" data-testid="paging-notice">
                {endNotice}
              </span>
            ) : history.end?.kind === "exhausted" ? (
              <span className="muted">All threads loaded.</span>
            ) : null
          }
        />
      )}
      <ThreadsChartsSection filters={filters} />
    </>
  );
}

const visibleSettleMs = 250;

/**
 * The thread ids on screen, for the row refresh, as state that changes only once scrolling has
 * settled: the table reports on every scroll frame, and re-rendering the page (filter bar, table,
 * charts) on each of them made scrolling miss frames. The ids are kept in a ref meanwhile.
 */
function useSettledVisibleIds(): { ids: readonly string[]; report: (ids: string[]) => void } {
  const [ids, setIds] = useState<readonly string[]>([]);
  const latest = useRef<readonly string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const report = useCallback((next: string[]) => {
    latest.current = next;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const settled = latest.current;
      setIds((prev) => (prev.length === settled.length && prev.every((id, i) => id === settled[i]) ? prev : settled));
    }, visibleSettleMs);
  }, []);
  return useMemo(() => ({ ids, report }), [ids, report]);
}
