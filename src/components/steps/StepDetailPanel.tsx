// The selected step: what ran (primitive, tool, status, attempt, times, execution id, logs), its
// error, and its input / output / logs in tabs (?tab=). A failed recoverable step offers a retry
// with corrected input.
import { forwardRef, useId } from "react";
import { Code } from "@connectrpc/connect";
import { StepStatus, type StepDetail } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { hasCode } from "../../api/errors";
import { safeHttpUrl } from "../../api/results/artifacts";
import type { StepTab } from "../../routes";
import { useStepDetail } from "../../hooks/useStepDetail";
import { RetryWithCorrectedInput } from "../ask-form/RetryWithCorrectedInput";
import { CopyButton } from "../common/CopyButton";
import { Duration } from "../common/Duration";
import { ErrorMessage } from "../common/ErrorMessage";
import { formatTimestamp } from "../common/formatTime";
import { StatusBadge } from "../common/StatusBadge";
import { StepPayloadView } from "./StepPayloadView";

export const TABS: readonly StepTab[] = ["input", "output", "logs"];

export interface StepDetailPanelProps {
  threadId: string;
  stepPath: string;
  tab: StepTab;
  onTab: (tab: StepTab) => void;
  /** The tree knows this step is running (or does not know the step yet). */
  follow: boolean;
  /** The tree is loaded and has no such step. */
  absentFromTree: boolean;
  /** The tree has this step. */
  inTree: boolean;
  threadTerminal: boolean;
  /** Offer "Retry with corrected input" here (off when the triage above already does). */
  showRetry: boolean;
}

export const StepDetailPanel = forwardRef<HTMLHeadingElement, StepDetailPanelProps>(function StepDetailPanel(
  { threadId, stepPath, tab, onTab, follow, absentFromTree, inTree, threadTerminal, showRetry },
  headingRef,
) {
  const query = useStepDetail(threadId, stepPath, { follow, known: inTree });
  const headingId = useId();
  const detail = query.data;
  return (
    <section className="step-detail card" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="step-detail__title">
        Step <code>{stepPath}</code>
        {detail !== undefined && detail.name !== "" ? <> · {detail.name}</> : null}
      </h2>
      {query.isPending && query.fetchStatus !== "idle" ? <p className="muted" role="status">Loading step…</p> : null}
      {query.isError ? (
        hasCode(query.error, Code.NotFound) ? (
          <p className="notice notice--warning" role="alert">
            {threadTerminal || absentFromTree
              ? `This thread has no step ${stepPath}.`
              : `Step ${stepPath} has not started yet. It will show here when it does.`}
          </p>
        ) : (
          <ErrorMessage error={query.error} title={`Could not load step ${stepPath}`} />
        )
      ) : null}
      {detail !== undefined ? <StepDetailBody threadId={threadId} detail={detail} tab={tab} onTab={onTab} showRetry={showRetry} /> : null}
    </section>
  );
});

function StepDetailBody({
  threadId,
  detail,
  tab,
  onTab,
  showRetry,
}: {
  threadId: string;
  detail: StepDetail;
  tab: StepTab;
  onTab: (t: StepTab) => void;
  showRetry: boolean;
}) {
  const tabsId = useId();
  const logsUrl = safeHttpUrl(detail.logsUrl);
  return (
    <>
      <dl className="step-detail__facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge kind="step" status={detail.status} />
          </dd>
        </div>
        <div>
          <dt>Primitive</dt>
          <dd>{detail.primitive || "—"}</dd>
        </div>
        <div>
          <dt>Tool</dt>
          <dd>{detail.tool || "—"}</dd>
        </div>
        <div>
          <dt>Attempt</dt>
          <dd>{detail.attempt || "—"}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{detail.startedAtMs > 0n ? formatTimestamp(detail.startedAtMs) : "—"}</dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>{detail.finishedAtMs > 0n ? formatTimestamp(detail.finishedAtMs) : "—"}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{detail.durationMs > 0n ? <Duration ms={detail.durationMs} /> : <Duration startMs={detail.startedAtMs} endMs={detail.finishedAtMs} />}</dd>
        </div>
        <div>
          <dt>Execution id</dt>
          <dd>
            {detail.executionId !== "" ? (
              <>
                <code>{detail.executionId}</code> <CopyButton value={detail.executionId} label="Copy execution id" iconOnly />
              </>
            ) : (
              "—"
            )}
          </dd>
        </div>
      </dl>
      {detail.error !== "" ? (
        <div className="step-detail__error" role="group" aria-label="Step error">
          <h3>Error</h3>
          <pre className="step-detail__error-text">{detail.error}</pre>
        </div>
      ) : null}
      {showRetry && detail.status === StepStatus.FAILED && detail.recoverable ? <RetryWithCorrectedInput threadId={threadId} stepPath={detail.stepPath} /> : null}
      <div role="tablist" aria-label="Step data" className="tabs">
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`${tabsId}-${t}`}
            aria-controls={`${tabsId}-panel`}
            aria-selected={tab === t}
            tabIndex={tab === t ? 0 : -1}
            className={`tabs__tab${tab === t ? " tabs__tab--active" : ""}`}
            onClick={() => onTab(t)}
            onKeyDown={(e) => {
              const i = TABS.indexOf(t);
              if (e.key === "ArrowRight") onTab(TABS[(i + 1) % TABS.length] as StepTab);
              if (e.key === "ArrowLeft") onTab(TABS[(i + TABS.length - 1) % TABS.length] as StepTab);
            }}
          >
            {t === "input" ? "Input" : t === "output" ? "Output" : "Logs"}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${tab}`} className="tabs__panel">
        {tab === "logs" ? (
          <div className="step-detail__logs">
            {logsUrl !== null ? (
              <p>
                <a href={logsUrl} target="_blank" rel="noopener noreferrer">
                  Open logs
                </a>{" "}
                <span className="muted">{logsUrl}</span>
              </p>
            ) : detail.logsUrl !== "" ? (
              <p>
                The runtime attached a logs address that is not http(s); it is not opened: <code>{detail.logsUrl}</code>
              </p>
            ) : (
              <p className="muted">The runtime attached no logs URL to this step.</p>
            )}
          </div>
        ) : (
          <StepPayloadView key={`${detail.stepPath}-${tab}`} threadId={threadId} detail={detail} field={tab} />
        )}
      </div>
    </>
  );
}
