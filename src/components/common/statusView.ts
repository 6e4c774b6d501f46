// How each thread and step status is shown: a label, a tone (colour) and an icon. Status is never
// conveyed by colour alone: the label is always rendered, the icon differs per status too.
// The switches are exhaustive (a new enum value is a compile error); a value unknown at runtime
// (a newer server) is shown as "Unknown (n)" rather than crashing the page.
import { StepStatus, ThreadStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";

export type StatusTone = "neutral" | "info" | "success" | "warning" | "danger" | "muted";

export type StatusIconName =
  | "clock"
  | "spinner"
  | "pause"
  | "check"
  | "cross"
  | "ban"
  | "skip"
  | "question";

export interface StatusView {
  label: string;
  tone: StatusTone;
  icon: StatusIconName;
}

export function threadStatusView(status: ThreadStatus): StatusView {
  switch (status) {
    case ThreadStatus.PENDING:
      return { label: "Pending", tone: "neutral", icon: "clock" };
    case ThreadStatus.RUNNING:
      return { label: "Running", tone: "info", icon: "spinner" };
    case ThreadStatus.PAUSED:
      return { label: "Paused", tone: "warning", icon: "pause" };
    case ThreadStatus.COMPLETED:
      return { label: "Completed", tone: "success", icon: "check" };
    case ThreadStatus.FAILED:
      return { label: "Failed", tone: "danger", icon: "cross" };
    case ThreadStatus.CANCELLED:
      return { label: "Cancelled", tone: "muted", icon: "ban" };
    case ThreadStatus.UNSPECIFIED:
      return { label: "Unspecified", tone: "muted", icon: "question" };
    default:
      return unknownStatus(status);
  }
}

export function stepStatusView(status: StepStatus): StatusView {
  switch (status) {
    case StepStatus.PENDING:
      return { label: "Pending", tone: "neutral", icon: "clock" };
    case StepStatus.RUNNING:
      return { label: "Running", tone: "info", icon: "spinner" };
    case StepStatus.WAITING:
      return { label: "Waiting for input", tone: "warning", icon: "pause" };
    case StepStatus.COMPLETED:
      return { label: "Completed", tone: "success", icon: "check" };
    case StepStatus.FAILED:
      return { label: "Failed", tone: "danger", icon: "cross" };
    case StepStatus.SKIPPED:
      return { label: "Skipped", tone: "muted", icon: "skip" };
    case StepStatus.UNSPECIFIED:
      return { label: "Unspecified", tone: "muted", icon: "question" };
    default:
      return unknownStatus(status);
  }
}

function unknownStatus(status: never): StatusView {
  return { label: `Unknown (${String(status)})`, tone: "muted", icon: "question" };
}
