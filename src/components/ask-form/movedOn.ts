// Why an open ask can no longer be answered, read from the thread it belonged to. Pure.
import { ThreadStatus, type Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { reasonFromMessage, type PreconditionReason } from "../../api/asks/resumeErrors";

/** "not-paused" = answered (by someone else, or by this page before a network error). */
export function movedOnReason(thread: Thread): PreconditionReason {
  if (thread.status === ThreadStatus.FAILED) {
    const reason = reasonFromMessage(thread.error);
    if (reason === "expired" || reason === "no-attempts-left") return reason;
  }
  return "not-paused";
}
