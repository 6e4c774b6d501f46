// The inbox: one link per waiting ask, in order (soonest expiry, then longest waiting).
import { forwardRef } from "react";
import { Link } from "react-router";
import { RelativeTime } from "../../components/common/RelativeTime";
import { paths } from "../../routes";
import { AttemptsLeft } from "./AttemptsLeft";
import { ExpiryCountdown } from "./ExpiryCountdown";
import type { InboxEntry } from "./inboxEntry";

export type InboxListProps = { entries: readonly InboxEntry[]; openThreadId: string | undefined };

export const InboxList = forwardRef<HTMLUListElement, InboxListProps>(function InboxList({ entries, openThreadId }, ref) {
  return (
    <ul className="inbox" ref={ref} aria-label="Waiting asks">
      {entries.map((entry) => (
        <li key={entry.threadId} className="inbox__item">
          <Link
            to={paths.approval(entry.threadId)}
            className="inbox__link"
            data-ask-entry=""
            data-thread-id={entry.threadId}
            aria-current={entry.threadId === openThreadId ? "page" : undefined}
          >
            <span className="inbox__top">
              <span className="inbox__script">{entry.thread.scriptName}</span>
              <span className="inbox__id mono subtle">{entry.threadId}</span>
            </span>
            <span className="inbox__prompt">{promptText(entry)}</span>
            {entry.fieldSummary !== "" ? <span className="inbox__fields mono subtle">{entry.fieldSummary}</span> : null}
            <span className="inbox__meta">
              <span>
                waiting since <RelativeTime ms={entry.waitingSinceMs} />
              </span>
              <ExpiryCountdown expiresAtMs={entry.expiresAtMs} />
              <AttemptsLeft left={entry.attemptsLeft} max={entry.maxAttempts} />
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
});

function promptText(entry: InboxEntry): string {
  if (entry.prompt !== "") return entry.prompt;
  switch (entry.askState) {
    case "loading":
      return "Reading the ask…";
    case "error":
      return "The ask could not be read: answer with JSON.";
    case "ready":
      return entry.loaded?.ask === null ? "The ask does not describe itself: answer with JSON." : "(no prompt)";
  }
}
