// Actions on one thread: copy its id, rerun it (the /new page reads ?rerun= and prefills the
// script, version, input and metadata), cancel it. Cancel is offered only while the thread can
// still change, and no longer on an endpoint that answered UNIMPLEMENTED.
import { useState } from "react";
import { Link } from "react-router";
import { paths } from "../../routes";
import { useThreadCancel } from "../../hooks/useThreadCancel";
import { CopyButton } from "../common/CopyButton";
import { ErrorMessage } from "../common/ErrorMessage";

export interface ThreadActionsProps {
  threadId: string;
  /** The thread can still change (not completed, failed or cancelled). */
  cancellable: boolean;
  onCancelled: () => void;
}

export function ThreadActions({ threadId, cancellable, onCancelled }: ThreadActionsProps) {
  const cancel = useThreadCancel(threadId, onCancelled);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="thread-actions" role="group" aria-label="Thread actions">
      <CopyButton value={threadId} label="Copy thread id" />
      <Link className="btn btn--small" to={paths.newThread(threadId)}>
        Rerun
      </Link>
      {cancel.supported && cancellable ? (
        confirming ? (
          <>
            <button
              type="button"
              className="btn btn--small btn--danger"
              disabled={cancel.pending}
              onClick={() => {
                cancel.cancel();
                setConfirming(false);
              }}
            >
              Confirm cancel
            </button>
            <button type="button" className="btn btn--small btn--ghost" onClick={() => setConfirming(false)}>
              Keep running
            </button>
          </>
        ) : (
          <button type="button" className="btn btn--small" disabled={cancel.pending} onClick={() => setConfirming(true)}>
            {cancel.pending ? "Cancelling…" : "Cancel"}
          </button>
        )
      ) : null}
      {!cancel.supported ? (
        <span className="muted thread-actions__note" data-testid="cancel-unsupported">
          This deployment cannot cancel threads yet (CancelThread is not implemented).
        </span>
      ) : null}
      {cancel.error != null ? <ErrorMessage error={cancel.error} title="Could not cancel the thread" /> : null}
    </div>
  );
}
