// The charts section of /threads: a disclosure, closed by default, so that neither recharts (a
// lazy chunk of ~110 KB gzip) nor the 500-thread chart window is loaded before the user asks for
// them (entry-size budget, first rows). The choice is kept for the tab in sessionStorage; a link
// with ?charts=1 opens it too. States the window the charts are computed from.
import { lazy, memo, Suspense, useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import type { Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import type { HistoryFilters } from "../../api/threads/historyFilters";
import { useThreadsChartWindow, chartWindowSize } from "../../hooks/useThreadsChartWindow";
import { formatTimestamp } from "../common/formatTime";
import { chartWindow } from "./chartData";

const ThreadsCharts = lazy(() => import("./ThreadsCharts"));

export const chartsStorageKey = "scriptum.threads.charts";
const noThreads: readonly Thread[] = [];

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

function readChoice(): boolean {
  try {
    return storage()?.getItem(chartsStorageKey) === "1";
  } catch {
    return false;
  }
}

function writeChoice(open: boolean): void {
  try {
    storage()?.setItem(chartsStorageKey, open ? "1" : "0");
  } catch {
    // Storage full or denied: the choice is simply not remembered.
  }
}

export const ThreadsChartsSection = memo(function ThreadsChartsSection({ filters }: { filters: HistoryFilters }) {
  const [params, setParams] = useSearchParams();
  const linked = params.get("charts") === "1";
  const [open, setOpen] = useState(() => linked || readChoice());
  // A ?charts=1 link counts as the choice, so the charts stay open when the filters change.
  useEffect(() => {
    if (linked) writeChoice(true);
  }, [linked]);
  const toggle = useCallback(() => {
    const next = !open;
    setOpen(next);
    writeChoice(next);
    if (!next && linked) {
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          p.delete("charts");
          return p;
        },
        { replace: true },
      );
    }
  }, [open, linked, setParams]);
  return (
    <section className="card" aria-labelledby="threads-charts-title">
      <div className="card__header">
        <h2 id="threads-charts-title">Charts</h2>
        <button
          type="button"
          className="btn btn--small"
          aria-expanded={open}
          aria-controls={open ? "threads-charts-body" : undefined}
          data-testid="charts-toggle"
          onClick={toggle}
        >
          {open ? "Hide charts" : "Show charts"}
        </button>
      </div>
      {open ? <ChartsBody filters={filters} /> : null}
    </section>
  );
});

function ChartsBody({ filters }: { filters: HistoryFilters }) {
  const query = useThreadsChartWindow(filters);
  const threads = query.data ?? noThreads;
  const w = chartWindow(threads);
  return (
    <div className="card__body" id="threads-charts-body">
      <p className="muted" data-testid="chart-window">
        {query.isPending
          ? "Loading…"
          : w.count === 0
            ? "No threads in the window."
            : `Computed from the latest ${w.count} threads (at most ${chartWindowSize}) created ${formatTimestamp(w.fromMs)} – ${formatTimestamp(w.toMs)}, matching the filters above.`}
      </p>
      {w.count > 0 ? (
        <Suspense fallback={<p className="muted">Loading charts…</p>}>
          <ThreadsCharts threads={threads} />
        </Suspense>
      ) : null}
    </div>
  );
}
