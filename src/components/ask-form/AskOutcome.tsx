// What the service said about a sent answer, in plain words: sent, already answered by someone
// else (with the thread's current status and a link), expired, out of attempts, rejected fields,
// or a network problem.
import { Link } from "react-router";
import { explainPrecondition, type ResumeFailure } from "../../api/asks/resumeErrors";
import type { Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { assertNever } from "../../assertNever";
import type { AskFinal, AskNotice } from "../../hooks/useAskForm";
import { paths } from "../../routes";
import { StatusBadge } from "../common/StatusBadge";
import { movedOnReason } from "./movedOn";

export type AskWording = "answer" | "correction";

export function AskFinalView({ final, threadId, wording }: { final: AskFinal; threadId: string; wording: AskWording }) {
  const threadLink = (
    <Link to={paths.thread(threadId)} className="ask-outcome__link">
      Open thread <span className="mono">{threadId}</span>
    </Link>
  );
  switch (final.kind) {
    case "resumed":
      return (
        <div className="notice notice--success ask-outcome" role="status">
          <div className="stack">
            <p>
              {wording === "answer" ? "Answer sent." : "Correction sent."} The thread is running again
              {final.outcome.thread !== null ? (
                <>
                  {" "}
                  (<StatusBadge kind="thread" status={final.outcome.thread.status} compact />)
                </>
              ) : null}
              .
            </p>
            <p>{threadLink}</p>
          </div>
        </div>
      );
    case "already-answered":
      return (
        <div className="notice notice--warning ask-outcome" role="alert">
          <div className="stack">
            <p>
              {wording === "answer"
                ? "This ask was already answered: someone else resumed the thread, so your answer was not sent."
                : "This thread was already retried: it no longer waits for a correction, so yours was not sent."}
            </p>
            {final.outcome.thread !== null ? (
              <p>
                Current status: <StatusBadge kind="thread" status={final.outcome.thread.status} />
              </p>
            ) : null}
            <p>{threadLink}</p>
          </div>
        </div>
      );
    case "refused":
      return (
        <div className="notice notice--warning ask-outcome" role="alert">
          <div className="stack">
            <p>{explainPrecondition(final.failure.reason, final.failure.message)}</p>
            {final.failure.message !== "" && final.failure.reason !== "unknown" ? (
              <p className="subtle">Service message: {final.failure.message}</p>
            ) : null}
            <p>{threadLink}</p>
          </div>
        </div>
      );
    default:
      return assertNever(final, "final outcome");
  }
}

export function AskNoticeView({ notice, wording }: { notice: AskNotice; wording: AskWording }) {
  switch (notice.kind) {
    case "rejected":
      return (
        <div className="notice notice--warning" role="alert">
          The service rejected this {wording} and counted it as an attempt. Fix what is marked and send again.
        </div>
      );
    case "uncertain":
      return (
        <div className="notice notice--warning" role="alert">
          <div className="stack">
            <p>
              Could not reach the service{notice.message !== "" ? ` (${notice.message})` : ""}. Your {wording} may or may not
              have arrived.
            </p>
            <p>Sending again first checks whether the thread is still waiting, so it is never resumed twice.</p>
          </div>
        </div>
      );
    case "attempt-moved-on":
      return (
        <div className="notice notice--warning" role="alert">
          Your earlier {wording} reached the service and was rejected (one attempt was used). Check it and send again.
        </div>
      );
    case "error":
      return (
        <div className="notice notice--warning" role="alert">
          {failureText(notice.failure)}
          {notice.failure.kind === "denied" ? (
            <>
              {" "}
              <Link to={paths.settings()}>Check the connection settings</Link>.
            </>
          ) : null}
        </div>
      );
    default:
      return assertNever(notice, "notice");
  }
}

function failureText(failure: ResumeFailure): string {
  const suffix = failure.message !== "" ? `: ${failure.message}` : ".";
  switch (failure.kind) {
    case "not-found":
      return `The thread no longer exists${suffix}`;
    case "denied":
      return `The service refused the credentials${suffix}`;
    default:
      return `The service could not take the answer${suffix}`;
  }
}

/** The open ask moved on without this page: answered elsewhere, expired, or out of attempts. */
export function MovedOnView({ thread }: { thread: Thread }) {
  const reason = movedOnReason(thread);
  return (
    <div className="notice notice--warning ask-outcome" role="alert">
      <div className="stack">
        <p>
          {reason === "not-paused"
            ? "This ask was already answered: someone else resumed the thread, so it no longer accepts an answer."
            : explainPrecondition(reason, thread.error)}
        </p>
        <p>
          Current status: <StatusBadge kind="thread" status={thread.status} />
          {thread.error !== "" ? <span className="subtle"> — {thread.error}</span> : null}
        </p>
        <p>
          <Link to={paths.thread(thread.threadId)} className="ask-outcome__link">
            Open thread <span className="mono">{thread.threadId}</span>
          </Link>
        </p>
      </div>
    </div>
  );
}
