// A thread or step status as icon + text (never colour alone).
import type { StepStatus, ThreadStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { StatusIcon } from "./StatusIcon";
import { stepStatusView, threadStatusView } from "./statusView";

export type StatusBadgeProps =
  | { kind: "thread"; status: ThreadStatus; compact?: boolean }
  | { kind: "step"; status: StepStatus; compact?: boolean };

export function StatusBadge(props: StatusBadgeProps) {
  const view = props.kind === "thread" ? threadStatusView(props.status) : stepStatusView(props.status);
  return (
    <span
      className={`status-badge status-badge--${view.tone}${props.compact === true ? " status-badge--compact" : ""}`}
      data-tone={view.tone}
    >
      <StatusIcon name={view.icon} />
      <span className="status-badge__label">{view.label}</span>
    </span>
  );
}
