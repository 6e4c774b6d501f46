// One row of the step tree: path, name, primitive/tool, status (icon and text), duration and a
// bar placing the step on the thread's time axis. Every value is rendered as text.
import { memo, type CSSProperties, type MouseEvent } from "react";
import type { StepStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { columnGet } from "../../api/steps/stringColumn";
import { FLAG_SYNTHETIC, hasChildren, type StepTree } from "../../api/steps/stepTree";
import { placeBar } from "../../api/steps/timeAxis";
import { formatDuration } from "../common/formatTime";
import { stepStatusView } from "../common/statusView";

export interface StepTreeRowProps {
  tree: StepTree;
  row: number;
  id: string;
  selected: boolean;
  expanded: boolean;
  style: CSSProperties;
  nowMs: number;
  onSelectRow: (row: number) => void;
  onToggleRow: (row: number) => void;
}

/** Same props, and the same place: style objects are new on every scroll frame. */
function sameRow(a: StepTreeRowProps, b: StepTreeRowProps): boolean {
  for (const k of Object.keys(a) as (keyof StepTreeRowProps)[]) {
    if (k === "style") continue;
    if (a[k] !== b[k]) return false;
  }
  return a.style.transform === b.style.transform && a.style.height === b.style.height;
}

export const StepTreeRow = memo(function StepTreeRow({
  tree,
  row,
  id,
  selected,
  expanded,
  style,
  nowMs,
  onSelectRow,
  onToggleRow,
}: StepTreeRowProps) {
  const c = tree.src[row] as number;
  const { cols } = tree;
  const path = columnGet(cols.path, c);
  const name = columnGet(cols.name, c);
  const primitive = columnGet(cols.primitive, c);
  const tool = columnGet(cols.tool, c);
  const status = cols.status[c] as StepStatus;
  const synthetic = ((tree.flags[row] as number) & FLAG_SYNTHETIC) !== 0;
  const view = stepStatusView(status);
  const parent = hasChildren(tree, row);
  const depth = tree.depth[row] as number;
  const started = cols.startedAt[c] as number;
  const finished = cols.finishedAt[c] as number;
  const duration = cols.duration[c] as number;
  const bar = placeBar(started, finished, tree.timeStart, tree.timeEnd, nowMs);
  const onToggle = (e: MouseEvent) => {
    e.stopPropagation();
    onToggleRow(row);
  };
  return (
    <div
      id={id}
      role="treeitem"
      aria-level={depth + 1}
      aria-setsize={tree.setSize[row]}
      aria-posinset={tree.posInSet[row]}
      aria-selected={selected}
      aria-expanded={parent ? expanded : undefined}
      data-path={path}
      className={`step-row${selected ? " step-row--selected" : ""} step-row--${view.tone}`}
      style={style}
      tabIndex={-1}
      onClick={() => onSelectRow(row)}
      onKeyDown={(e) => {
        if (e.key === "Enter") onSelectRow(row);
      }}
    >
      {/* The indent is the toggle's margin and the status icon a CSS dot (::before): rows are
          mounted on every scroll frame, so each element less is layout and style saved. */}
      <span
        className="step-row__toggle"
        aria-hidden="true"
        style={depth > 0 ? { marginLeft: Math.min(depth, 40) * 16 } : undefined}
        onClick={parent ? onToggle : undefined}
      >
        {parent ? (expanded ? "▾" : "▸") : null}
      </span>
      <span className={`step-row__status step-row__status--${view.icon} status-badge--${view.tone}`}>
        {synthetic ? "Not reported" : view.label}
      </span>
      <span className="step-row__path">{path}</span>
      <span className="step-row__name">{name}</span>
      <span className="step-row__tool">{[primitive, tool].filter((x) => x !== "").join(" · ")}</span>
      <span className="step-row__duration tabular">
        {duration > 0 ? formatDuration(duration) : started > 0 && finished === 0 ? formatDuration(Math.max(0, nowMs - started)) : ""}
      </span>
      <span className="step-row__axis" aria-hidden="true">
        {bar !== null ? (
          <span
            className={`step-row__bar step-row__bar--${view.tone}${bar.open ? " step-row__bar--open" : ""}`}
            style={{ left: `${bar.left * 100}%`, width: `${bar.width * 100}%` }}
          />
        ) : null}
      </span>
    </div>
  );
}, sameRow);
