// ThreadStatus helpers: the URL name of each status, its label, and whether it is final.
// Exhaustive switches, so a new status is a compile error here, not a silent gap.
import { ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { unknownFromWire } from "../../assertNever";

export type ThreadStatusName =
  | "unspecified"
  | "pending"
  | "running"
  | "paused"
  | "completed"
  | "failed"
  | "cancelled";

/** The statuses a user can filter by, in the order the filter lists them. */
export const filterableStatuses: readonly ThreadStatus[] = [
  ThreadStatus.PENDING,
  ThreadStatus.RUNNING,
  ThreadStatus.PAUSED,
  ThreadStatus.COMPLETED,
  ThreadStatus.FAILED,
  ThreadStatus.CANCELLED,
];

export function threadStatusName(status: ThreadStatus): ThreadStatusName {
  switch (status) {
    case ThreadStatus.UNSPECIFIED:
      return "unspecified";
    case ThreadStatus.PENDING:
      return "pending";
    case ThreadStatus.RUNNING:
      return "running";
    case ThreadStatus.PAUSED:
      return "paused";
    case ThreadStatus.COMPLETED:
      return "completed";
    case ThreadStatus.FAILED:
      return "failed";
    case ThreadStatus.CANCELLED:
      return "cancelled";
    default:
      return unknownFromWire(status, "unspecified");
  }
}

export function threadStatusLabel(status: ThreadStatus): string {
  switch (status) {
    case ThreadStatus.UNSPECIFIED:
      return "Unknown";
    case ThreadStatus.PENDING:
      return "Pending";
    case ThreadStatus.RUNNING:
      return "Running";
    case ThreadStatus.PAUSED:
      return "Paused";
    case ThreadStatus.COMPLETED:
      return "Completed";
    case ThreadStatus.FAILED:
      return "Failed";
    case ThreadStatus.CANCELLED:
      return "Cancelled";
    default:
      return unknownFromWire(status, `Unknown (${String(status)})`);
  }
}

/** Completed, failed and cancelled are final: nothing more will happen to the thread. */
export function isTerminalStatus(status: ThreadStatus): boolean {
  switch (status) {
    case ThreadStatus.COMPLETED:
    case ThreadStatus.FAILED:
    case ThreadStatus.CANCELLED:
      return true;
    case ThreadStatus.UNSPECIFIED:
    case ThreadStatus.PENDING:
    case ThreadStatus.RUNNING:
    case ThreadStatus.PAUSED:
      return false;
    default:
      return unknownFromWire(status, false);
  }
}

/** The status of a URL name ("failed"), or undefined for anything else. */
export function parseThreadStatusName(name: string): ThreadStatus | undefined {
  return filterableStatuses.find((status) => threadStatusName(status) === name);
}
