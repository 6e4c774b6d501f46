// The charts section of /threads: loads recharts lazily and states the window it is computed from.
import { lazy, Suspense } from "react";
import type { HistoryFilters } from "../../api/threads/historyFilters";
import { useThreadsChartWindow, chartWindowSize } from "../../hooks/useThreadsChartWindow";
import { formatTimestamp } from "../common/formatTime";
import { chartWindow } from "./chartData";

const ThreadsCharts = lazy(() => import("./ThreadsCharts"));

export function ThreadsChartsSection({ filters }: { filters: HistoryFilters }) {
  const query = useThreadsChartWindow(filters);
  const threads = query.data ?? [];
  const w = chartWindow(threads);
  return (
    <section className="card" aria-labelledby="threads-charts-title">
      <div className="card__header">
        <h2 id="threads-charts-title">Charts</h2>
        <span className="muted" data-testid="chart-window">
          {query.isPending
            ? "Loading…"
            : w.count === 0
              ? "No threads in the window."
              : `Computed from the latest ${w.count} threads (at most ${chartWindowSize}) created ${formatTimestamp(w.fromMs)} – ${formatTimestamp(w.toMs)}, matching the filters above.`}
        </span>
      </div>
      <div className="card__body">
        {w.count > 0 ? (
          <Suspense fallback={<p className="muted">Loading charts…</p>}>
            <ThreadsCharts threads={threads} />
          </Suspense>
        ) : null}
      </div>
    </section>
  );
}
