// /approvals and /approvals/:threadId: the inbox of waiting asks beside the opened one.
import { useRef } from "react";
import { useParams } from "react-router";
import { formatClock } from "../../components/common/formatTime";
import { ErrorMessage } from "../../components/common/ErrorMessage";
import { useApprovalsInbox } from "../../hooks/useApprovalsInbox";
import { useApprovalsKeyboard } from "../../hooks/useApprovalsKeyboard";
import { useApprovalsNotifications } from "../../hooks/useApprovalsNotifications";
import { useApprovalsTitle } from "../../hooks/useApprovalsTitle";
import { AskPanel } from "./AskPanel";
import { InboxList } from "./InboxList";
import { NotificationsButton } from "./NotificationsButton";
import "./approvals.css";

export default function ApprovalsPage() {
  const { threadId } = useParams();
  const inbox = useApprovalsInbox();
  const listRef = useRef<HTMLUListElement>(null);
  const loaded = inbox.status === "success";
  const notifications = useApprovalsNotifications(inbox.entries, loaded);
  useApprovalsTitle(loaded ? inbox.entries.length : null, threadId ?? "");
  useApprovalsKeyboard(listRef);

  return (
    <div className="page approvals">
      <div className="page-header">
        <div>
          <h1>Approvals</h1>
          <p className="page-header__lead" role="status" aria-live="polite" aria-atomic="true">
            {loaded ? countText(inbox.entries.length) : inbox.status === "error" ? "The inbox could not be read." : "Reading the inbox…"}
          </p>
        </div>
        <div className="cluster">
          {inbox.updatedAt > 0 ? (
            <span className="subtle tabular">Updated {formatClock(inbox.updatedAt)} · refreshes every few seconds</span>
          ) : null}
          <NotificationsButton notifications={notifications} />
        </div>
      </div>
      <p className="subtle approvals__keys">
        <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> opens · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> sends the answer
      </p>
      <div className={`approvals__layout${threadId !== undefined ? " approvals__layout--open" : ""}`}>
        <section className="approvals__inbox" aria-label="Inbox">
          {inbox.status === "error" ? <ErrorMessage error={inbox.error} title="Could not list the paused threads" /> : null}
          {loaded && inbox.entries.length === 0 ? <p className="muted">No ask is waiting for an answer.</p> : null}
          <InboxList ref={listRef} entries={inbox.entries} openThreadId={threadId} />
        </section>
        <div className="approvals__detail">
          {threadId !== undefined ? (
            <AskPanel key={threadId} threadId={threadId} onAnswered={inbox.markAnswered} />
          ) : (
            <p className="muted approvals__placeholder">Open an ask from the inbox to answer it.</p>
          )}
        </div>
      </div>
    </div>
  );
}

function countText(count: number): string {
  if (count === 0) return "No ask is waiting.";
  return count === 1 ? "1 ask is waiting for an answer." : `${count} asks are waiting for an answer.`;
}
