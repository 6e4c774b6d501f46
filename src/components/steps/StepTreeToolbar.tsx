// Above the tree: filter (name, path, tool; status), "hide successful branches", and the
// failure navigation (first, previous, next).
import { useId } from "react";
import { StepStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import type { FailureMove } from "../../api/steps/failureNav";
import { stepStatusView } from "../common/statusView";
import type { TreeViewState } from "./useTreeViewState";

const STATUS_OPTIONS: StepStatus[] = [
  StepStatus.FAILED,
  StepStatus.RUNNING,
  StepStatus.WAITING,
  StepStatus.PENDING,
  StepStatus.COMPLETED,
  StepStatus.SKIPPED,
];

export interface StepTreeToolbarProps {
  view: TreeViewState;
  totalRows: number;
  failures: number;
  /** 1-based position of the selection among failures; 0 when it is not one. */
  failureOrdinal: number;
  onFailure: (move: FailureMove) => void;
}

export function StepTreeToolbar({ view, totalRows, failures, failureOrdinal, onFailure }: StepTreeToolbarProps) {
  const filterId = useId();
  const statusId = useId();
  return (
    <div className="step-toolbar" role="toolbar" aria-label="Step tree tools">
      <div className="step-toolbar__group">
        <label htmlFor={filterId} className="visually-hidden">
          Filter steps by name, path or tool
        </label>
        <input
          id={filterId}
          type="search"
          className="input step-toolbar__filter"
          placeholder="Filter by name, path, tool…"
          value={view.filterText}
          onChange={(e) => view.setFilterText(e.target.value)}
        />
        <label htmlFor={statusId} className="visually-hidden">
          Status
        </label>
        <select
          id={statusId}
          className="select"
          value={view.status === null ? "" : String(view.status)}
          onChange={(e) => view.setStatus(e.target.value === "" ? null : (Number(e.target.value) as StepStatus))}
        >
          <option value="">Any status</option>
          {STATUS_OPTIONS.map((s) => (
            <option key={s} value={String(s)}>
              {stepStatusView(s).label}
            </option>
          ))}
        </select>
        <label className="step-toolbar__check">
          <input type="checkbox" checked={view.hideSuccessful} onChange={(e) => view.setHideSuccessful(e.target.checked)} />
          Hide successful branches
        </label>
        <button type="button" className="btn btn--ghost btn--small" onClick={() => view.setAllExpanded(!view.allExpanded)}>
          {view.allExpanded ? "Collapse all" : "Expand all"}
        </button>
      </div>
      <div className="step-toolbar__group" role="group" aria-label="Failures">
        <button type="button" className="btn btn--small" disabled={failures === 0} onClick={() => onFailure("first")}>
          First failure
        </button>
        <button type="button" className="btn btn--small" disabled={failures === 0} onClick={() => onFailure("previous")} aria-label="Previous failure">
          ‹ Prev
        </button>
        <button type="button" className="btn btn--small" disabled={failures === 0} onClick={() => onFailure("next")} aria-label="Next failure">
          Next ›
        </button>
        <span className="muted step-toolbar__count" aria-live="polite">
          {failures === 0 ? "No failures" : failureOrdinal > 0 ? `Failure ${failureOrdinal} of ${failures}` : `${failures} failure${failures === 1 ? "" : "s"}`}
        </span>
      </div>
      <p className="muted step-toolbar__summary">
        {totalRows.toLocaleString("en-US")} steps
        {view.matches !== null ? ` · ${view.matches.toLocaleString("en-US")} match` : ""}
        {view.hiddenSuccessful > 0 ? ` · ${view.hiddenSuccessful.toLocaleString("en-US")} successful hidden` : ""}
      </p>
    </div>
  );
}
