// The history charts (recharts; this module is loaded lazily). Threads over time stacked by
// status, duration p50/p95 per script, failure rate per script — from a bounded window.
import { memo } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { formatDuration, formatTimestamp } from "../common/formatTime";
import { chartStatuses, durationByScript, failureRateByScript, threadsOverTime } from "./chartData";

const statusColors: Record<string, string> = {
  pending: "#8c959f",
  running: "#3554d1",
  paused: "#bf8700",
  completed: "#1a7f37",
  failed: "#cf222e",
  cancelled: "#6e7781",
};

function ThreadsCharts({ threads }: { threads: readonly Thread[] }) {
  const overTime = threadsOverTime(threads).map((b) => ({ ...b, label: formatTimestamp(b.startMs).slice(5, 16) }));
  const durations = durationByScript(threads);
  const failures = failureRateByScript(threads);
  return (
    <div className="threads-charts">
      <figure aria-label="Threads over time, stacked by status">
        <figcaption>Threads over time by status</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={overTime}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip />
            <Legend />
            {chartStatuses.map((s) => (
              <Bar key={s} dataKey={s} stackId="status" fill={statusColors[s]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure aria-label="Duration per script, p50 and p95">
        <figcaption>Duration per script (p50 / p95)</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={durations.map((d) => ({ ...d, p50: d.p50Ms / 1000, p95: d.p95Ms / 1000 }))}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="script" fontSize={11} interval={0} />
            <YAxis unit=" s" fontSize={11} />
            <Tooltip formatter={(v) => formatDuration(Number(v) * 1000)} />
            <Legend />
            <Bar dataKey="p50" fill="#3554d1" isAnimationActive={false} />
            <Bar dataKey="p95" fill="#8250df" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure aria-label="Failure rate per script">
        <figcaption>Failure rate per script (of finished threads)</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={failures}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="script" fontSize={11} interval={0} />
            <YAxis unit="%" domain={[0, 100]} fontSize={11} />
            <Tooltip />
            <Bar dataKey="ratePercent" name="failed %" fill="#cf222e" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}

// Memoized: its only prop is the chart window's query data, stable between refetches.
export default memo(ThreadsCharts);
