import { Link } from "react-router";
import { ThreadStatus, type Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { StatusBadge } from "../../components/common/StatusBadge";
import { explainPrecondition } from "../../api/asks/resumeErrors";
import { movedOnReason } from "../../components/ask-form/movedOn";
import { paths } from "../../routes";

/** The opened thread waits for no answer: say what it is doing instead. */
export function ThreadNotWaiting({ thread }: { thread: Thread }) {
  const reason = movedOnReason(thread);
  return (
    <div className="stack">
      {reason !== "not-paused" ? (
        <p className="notice notice--warning" role="status">
          {explainPrecondition(reason, thread.error)}
        </p>
      ) : null}
      <p>
        Thread <span className="mono">{thread.threadId}</span> ({thread.scriptName}) is not waiting for an answer. Status:{" "}
        <StatusBadge kind="thread" status={thread.status} />
      </p>
      {thread.status === ThreadStatus.FAILED && thread.error !== "" ? (
        <p>
          Error{thread.currentStepPath !== "" ? <> at step <span className="mono">{thread.currentStepPath}</span></> : null}:{" "}
          <span className="mono">{thread.error}</span>
        </p>
      ) : null}
      <p>
        <Link to={paths.thread(thread.threadId)}>Open thread {thread.threadId}</Link>
      </p>
    </div>
  );
}
