// The head of the thread page: status, id, script@version, times, duration, metadata, error,
// and the execution-mode caveat of the service. Everything from the server is rendered as text.
import type { ReactNode } from "react";
import { ExecutionMode, type Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import type { ThreadView } from "../../api/live/threadView";
import { Duration } from "../common/Duration";
import { formatTimestamp, isSet } from "../common/formatTime";
import { StatusBadge } from "../common/StatusBadge";
import { MetadataLabels } from "./MetadataLabels";

export interface ThreadHeaderProps {
  threadId: string;
  snapshot: Thread | undefined;
  view: ThreadView;
  /** Connection state and actions, placed in the header. */
  children?: ReactNode;
}

function Time({ ms }: { ms: number | bigint }) {
  return isSet(ms) ? <time dateTime={new Date(Number(ms)).toISOString()}>{formatTimestamp(ms)}</time> : <span className="muted">—</span>;
}

export function ThreadHeader({ threadId, snapshot, view, children }: ThreadHeaderProps) {
  const createdAtMs = snapshot?.createdAtMs ?? 0n;
  const startedAtMs = view.startedAtMs;
  return (
    <header className="thread-header">
      <div className="thread-header__title">
        <h1>
          <span className="visually-hidden">Thread </span>
          <code className="thread-header__id">{threadId}</code>
        </h1>
        <span data-testid="thread-status">
          <StatusBadge kind="thread" status={view.status} />
        </span>
        {children}
      </div>
      <dl className="thread-header__facts">
        <div>
          <dt>Script</dt>
          <dd>
            {snapshot !== undefined ? (
              <>
                {snapshot.scriptName}
                <span className="muted">@{snapshot.version === 0 ? "active" : `v${snapshot.version}`}</span>
              </>
            ) : (
              "—"
            )}
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <Time ms={createdAtMs} />
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <Time ms={startedAtMs} />
          </dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>
            <Time ms={view.finishedAtMs} />
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{startedAtMs > 0 ? <Duration startMs={startedAtMs} endMs={view.finishedAtMs} /> : <span className="muted">—</span>}</dd>
        </div>
        {snapshot !== undefined && snapshot.executionMode !== ExecutionMode.UNSPECIFIED ? (
          <div>
            <dt>Execution mode</dt>
            <dd>
              {snapshot.executionMode === ExecutionMode.LOCAL ? "local" : "cloud"}{" "}
              <span className="muted thread-header__caveat">
                (the service reports every thread as cloud today, whatever was requested)
              </span>
            </dd>
          </div>
        ) : null}
      </dl>
      {snapshot !== undefined && Object.keys(snapshot.metadata).length > 0 ? (
        <div className="thread-header__metadata">
          <span className="muted">Metadata</span> <MetadataLabels metadata={snapshot.metadata} />
        </div>
      ) : null}
      {view.error !== "" ? (
        <div className="notice notice--danger thread-header__error" data-testid="thread-error">
          <strong>Error</strong> <span className="thread-header__error-text">{view.error}</span>
        </div>
      ) : null}
    </header>
  );
}
