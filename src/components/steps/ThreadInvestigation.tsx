// Failed-run investigation on the thread page: failure triage first (on a failed thread), then
// the step tree beside the selected step's detail, then the results. The selection and the
// detail tab live in the URL (/threads/:threadId/steps/:stepPath?tab=input|output|logs).
import { useCallback, useRef } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ThreadStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { earliestFailure } from "../../api/steps/failureNav";
import { findRow, pathAt, statusAt } from "../../api/steps/stepTree";
import { StepStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { isTerminalStatus } from "../../api/threads/threadStatus";
import { paths, type StepTab } from "../../routes";
import { useStepTree } from "../../hooks/useStepTree";
import { useThreadLive } from "../../hooks/useThreadLive";
import { ErrorMessage } from "../common/ErrorMessage";
import { ResultsPanel } from "../results/ResultsPanel";
import { FailureTriage } from "../triage/FailureTriage";
import { StepDetailPanel } from "./StepDetailPanel";
import { StepTreeView, type SelectMode } from "./StepTreeView";
import "./investigation.css";

export interface ThreadInvestigationProps {
  threadId: string;
  /** The selected step; read from the route (:stepPath) when omitted. */
  stepPath?: string;
  /** The detail tab; read from ?tab= when omitted. */
  tab?: StepTab;
}

export function parseTab(raw: string | null): StepTab | undefined {
  return raw === "input" || raw === "output" || raw === "logs" ? raw : undefined;
}

export function ThreadInvestigation({ threadId, stepPath, tab }: ThreadInvestigationProps) {
  const params = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const selectedPath = stepPath ?? params["stepPath"] ?? undefined;
  const selectedTab = tab ?? parseTab(search.get("tab")) ?? "input";
  const live = useThreadLive(threadId);
  const status = live.thread.status;
  const terminal = isTerminalStatus(status);
  const failed = status === ThreadStatus.FAILED;
  const steps = useStepTree(threadId, {
    liveEvents: live.state.events,
    running: status !== ThreadStatus.UNSPECIFIED && !terminal,
    totalStepsHint: live.thread.totalSteps,
  });
  const { tree } = steps;
  const detailHeading = useRef<HTMLHeadingElement | null>(null);

  const select = useCallback(
    (path: string, mode: SelectMode) => {
      void navigate(paths.threadStep(threadId, path, parseTab(search.get("tab"))), { replace: mode === "replace" });
    },
    [navigate, threadId, search],
  );
  const goToStep = useCallback(
    (path: string) => {
      select(path, "push");
      requestAnimationFrame(() => detailHeading.current?.focus());
    },
    [select],
  );
  const setTab = useCallback(
    (t: StepTab) => {
      if (selectedPath !== undefined) void navigate(paths.threadStep(threadId, selectedPath, t), { replace: true });
    },
    [navigate, threadId, selectedPath],
  );

  const focusDetail = useCallback(() => detailHeading.current?.focus(), []);

  const firstFailureRow = earliestFailure(tree);
  const failingPath = firstFailureRow >= 0 ? pathAt(tree, firstFailureRow) : (live.state.fold.lastStepFailure?.path ?? "");
  const selectedRow = selectedPath !== undefined ? findRow(tree, selectedPath) : -1;
  const selectedStatus = selectedRow >= 0 ? statusAt(tree, selectedRow) : StepStatus.UNSPECIFIED;
  const follow = !terminal && (selectedRow < 0 || selectedStatus === StepStatus.RUNNING || selectedStatus === StepStatus.WAITING || selectedStatus === StepStatus.PENDING);

  return (
    <div className="investigation">
      {failed ? (
        <FailureTriage
          threadId={threadId}
          scriptName={live.state.snapshot?.scriptName ?? ""}
          stepPath={failingPath}
          threadError={live.thread.error}
          onGoToStep={goToStep}
        />
      ) : null}
      <div className="investigation__main">
        <section className="investigation__tree card" aria-label="Step tree">
          <h2 className="investigation__heading">
            Steps
            {steps.status === "loading" ? <span className="muted" role="status"> · loading…</span> : null}
          </h2>
          {steps.status === "error" ? (
            <ErrorMessage error={steps.error} title="Could not load the steps">
              <button type="button" className="btn btn--small" onClick={steps.reload}>
                Try again
              </button>
            </ErrorMessage>
          ) : (
            <StepTreeView
              tree={tree}
              loading={steps.status === "loading"}
              threadFailed={failed}
              running={!terminal}
              selectedPath={selectedPath}
              onSelect={select}
              onActivate={focusDetail}
            />
          )}
        </section>
        <div className="investigation__detail">
          {selectedPath !== undefined ? (
            <StepDetailPanel
              key={selectedPath}
              ref={detailHeading}
              threadId={threadId}
              stepPath={selectedPath}
              tab={selectedTab}
              onTab={setTab}
              follow={follow}
              absentFromTree={steps.status === "ready" && selectedRow < 0 && terminal}
              inTree={selectedRow >= 0}
              threadTerminal={terminal}
              showRetry={!(failed && selectedPath === failingPath)}
            />
          ) : (
            <p className="muted investigation__hint">Select a step to see its input, output and logs.</p>
          )}
        </div>
      </div>
      <ResultsPanel threadId={threadId} terminal={terminal} />
    </div>
  );
}

export default ThreadInvestigation;
