// Status and script filters (kept in the URL by the page), quick filters, and the thread-id
// search box that opens a thread.
import { useState } from "react";
import { useNavigate } from "react-router";
import { ThreadStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import type { HistoryFilters } from "../../api/threads/historyFilters";
import { filterableStatuses, threadStatusLabel, threadStatusName } from "../../api/threads/threadStatus";
import { paths } from "../../routes";

export interface ThreadsFilterBarProps {
  filters: HistoryFilters;
  scripts: readonly string[];
  onChange: (filters: HistoryFilters) => void;
}

const quick: { label: string; status: ThreadStatus }[] = [
  { label: "Running", status: ThreadStatus.RUNNING },
  { label: "Needs input", status: ThreadStatus.PAUSED },
  { label: "Failed", status: ThreadStatus.FAILED },
];

export function ThreadsFilterBar({ filters, scripts, onChange }: ThreadsFilterBarProps) {
  const [script, setScript] = useState(filters.script ?? "");
  const [searchId, setSearchId] = useState("");
  const navigate = useNavigate();
  const applyScript = () => {
    const value = script.trim();
    if (value !== (filters.script ?? "")) onChange({ ...filters, script: value === "" ? undefined : value });
  };
  return (
    <div className="threads-toolbar">
      <div className="quick-filters" role="group" aria-label="Quick filters">
        {quick.map((q) => {
          const active = filters.status === q.status;
          return (
            <button
              key={q.label}
              type="button"
              className="btn btn--small"
              aria-pressed={active}
              onClick={() => onChange({ ...filters, status: active ? undefined : q.status })}
            >
              {q.label}
            </button>
          );
        })}
      </div>
      <label>
        Status
        <select
          value={filters.status === undefined ? "" : threadStatusName(filters.status)}
          onChange={(e) => {
            const status = filterableStatuses.find((s) => threadStatusName(s) === e.target.value);
            onChange({ ...filters, status });
          }}
        >
          <option value="">Any status</option>
          {filterableStatuses.map((s) => (
            <option key={s} value={threadStatusName(s)}>
              {threadStatusLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          applyScript();
        }}
      >
        <label>
          Script
          <input
            type="search"
            list="threads-script-names"
            value={script}
            placeholder="Any script"
            onChange={(e) => setScript(e.target.value)}
            onBlur={applyScript}
          />
        </label>
        <datalist id="threads-script-names">
          {scripts.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </form>
      <form
        role="search"
        aria-label="Open a thread by id"
        onSubmit={(e) => {
          e.preventDefault();
          const id = searchId.trim();
          if (id !== "") void navigate(paths.thread(id));
        }}
      >
        <label>
          Thread id
          <input type="search" value={searchId} placeholder="thr_…" onChange={(e) => setSearchId(e.target.value)} />
        </label>{" "}
        <button type="submit" className="btn btn--small" disabled={searchId.trim() === ""}>
          Open
        </button>
      </form>
    </div>
  );
}
