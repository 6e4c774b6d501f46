// The history table: virtualized rows (smooth with tens of thousands), infinite scroll plus a
// "Load more" button, and the paging notice. Rows link to the thread page. Status is icon + text.
import { memo, useEffect, useRef } from "react";
import { Link } from "react-router";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { paths } from "../../routes";
import { Duration } from "../common/Duration";
import { formatTimestamp, isSet } from "../common/formatTime";
import { StatusBadge } from "../common/StatusBadge";
import { MetadataSummary } from "./MetadataSummary";
import "./threads.css";

export interface ThreadsTableProps {
  rows: readonly Thread[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** Called with the thread ids currently on screen (for row refresh). */
  onVisibleChange?: (threadIds: string[]) => void;
  footer?: React.ReactNode;
}

const rowHeight = 40;
const columns = ["Thread", "Script", "Status", "Step / progress", "Created", "Duration", "Metadata"];

function Progress({ thread }: { thread: Thread }) {
  const step = thread.currentStepPath !== "" ? `${thread.currentStepPath} ${thread.currentStepName}`.trim() : "";
  const count = thread.totalSteps > 0 ? `${Math.min(thread.completedSteps, thread.totalSteps)}/${thread.totalSteps}` : "";
  if (step === "" && count === "") return <span className="muted">—</span>;
  return (
    <span title={step}>
      {step !== "" ? <code>{step}</code> : null}
      {step !== "" && count !== "" ? " · " : null}
      {count}
    </span>
  );
}

// One row; memoized so a scroll frame re-renders only the rows that enter the window (props are
// the thread object, its index and offset, all stable while the row stays on screen).
const ThreadRow = memo(function ThreadRow({ thread: t, index, start }: { thread: Thread; index: number; start: number }) {
  return (
    <div className="threads-row" role="row" aria-rowindex={index + 2} data-thread-id={t.threadId} style={{ transform: `translateY(${start}px)` }}>
      <div role="cell">
        <Link to={paths.thread(t.threadId)}>
          <code>{t.threadId}</code>
        </Link>
      </div>
      <div role="cell">
        {t.scriptName}
        <span className="muted">@{t.version === 0 ? "active" : `v${t.version}`}</span>
      </div>
      <div role="cell">
        <StatusBadge kind="thread" status={t.status} compact />
      </div>
      <div role="cell">
        <Progress thread={t} />
      </div>
      <div role="cell">{isSet(t.createdAtMs) ? formatTimestamp(t.createdAtMs) : "—"}</div>
      <div role="cell">
        {isSet(t.startedAtMs) ? <Duration startMs={t.startedAtMs} endMs={t.finishedAtMs} /> : <span className="muted">—</span>}
      </div>
      <div role="cell">
        <MetadataSummary metadata={t.metadata} max={3} />
      </div>
    </div>
  );
});

export function ThreadsTable({ rows, hasMore, loadingMore, onLoadMore, onVisibleChange, footer }: ThreadsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    // Scroll updates render in a normal (batched) React update, not flushSync on every scroll event.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  const firstIndex = items[0]?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loadingMore && rows.length > 0 && lastIndex >= rows.length - 20) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, rows.length, onLoadMore]);

  const visibleKey = rows.slice(firstIndex, lastIndex + 1).map((t) => t.threadId).join("\n");
  useEffect(() => {
    onVisibleChange?.(visibleKey === "" ? [] : visibleKey.split("\n"));
  }, [visibleKey, onVisibleChange]);

  return (
    <div className="threads-table" role="table" aria-label="Threads" aria-rowcount={rows.length + 1} data-testid="threads-table" data-row-count={rows.length}>
      <div role="rowgroup">
        <div className="threads-table__head" role="row" aria-rowindex={1}>
          {columns.map((c) => (
            <div key={c} role="columnheader">
              {c}
            </div>
          ))}
        </div>
      </div>
      <div ref={scrollRef} className="threads-table__scroll">
        {rows.length === 0 ? (
          <p className="muted" style={{ padding: "var(--space-3)" }}>
            No threads match.
          </p>
        ) : (
          <div className="threads-table__body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const t = rows[item.index];
              return t === undefined ? null : <ThreadRow key={t.threadId} thread={t} index={item.index} start={item.start} />;
            })}
          </div>
        )}
      </div>
      <div className="threads-footer">
        <span className="muted" data-testid="threads-loaded">
          {rows.length} threads loaded
        </span>
        {hasMore ? (
          <button type="button" className="btn btn--small" onClick={onLoadMore} disabled={loadingMore}>
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        ) : null}
        {footer}
      </div>
    </div>
  );
}
