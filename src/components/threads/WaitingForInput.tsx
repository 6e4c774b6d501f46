// Shown while a thread is paused at an ask: what it waits for and where to answer.
import { Link } from "react-router";
import { paths } from "../../routes";
import type { ThreadView } from "../../api/live/threadView";

export function WaitingForInput({ threadId, waitingFor }: { threadId: string; waitingFor: NonNullable<ThreadView["waitingFor"]> }) {
  return (
    <div className="notice notice--warning waiting-for-input" data-testid="waiting-for-input">
      <strong>Waiting for input</strong>
      {waitingFor.stepPath !== "" ? (
        <span>
          {" "}
          at step <code>{waitingFor.stepPath}</code>
          {waitingFor.stepName !== "" ? <> {waitingFor.stepName}</> : null}
        </span>
      ) : null}
      {" "}
      <Link to={paths.approval(threadId)}>Answer it in Approvals</Link>
    </div>
  );
}
