// Failure triage, first thing on a failed thread: the first failing step (path, name, tool), its
// error, attempt and last input, with "Go to step"; then "Compare with last success".
import { useId, useState } from "react";
import { StepStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { useStepDetail } from "../../hooks/useStepDetail";
import { RetryWithCorrectedInput } from "../ask-form/RetryWithCorrectedInput";
import { decodeText, formatBytes } from "../json/parsePayload";
import { CompareWithLastSuccess } from "./CompareWithLastSuccess";

export interface FailureTriageProps {
  threadId: string;
  scriptName: string;
  /** The first failing step (earliest root-cause failure); "" when not known yet. */
  stepPath: string;
  /** The thread's own error, shown when no failing step is known. */
  threadError: string;
  onGoToStep: (path: string) => void;
}

const INPUT_PREVIEW = 4000;

export function FailureTriage({ threadId, scriptName, stepPath, threadError, onGoToStep }: FailureTriageProps) {
  const id = useId();
  const [comparing, setComparing] = useState(false);
  const q = useStepDetail(threadId, stepPath === "" ? undefined : stepPath, { follow: false, known: true });
  const d = q.data;
  const input = d !== undefined ? decodeText(d.inputData) : "";
  return (
    <section className="triage card" aria-labelledby={id} data-testid="failure-triage">
      <h2 id={id}>Why this thread failed</h2>
      {stepPath === "" ? (
        <p>{threadError !== "" ? <>The thread failed: <span className="triage__error">{threadError}</span></> : "Looking for the failing step…"}</p>
      ) : (
        <>
          <p className="triage__headline">
            First failing step <code>{stepPath}</code>
            {d !== undefined && d.name !== "" ? <> · <strong>{d.name}</strong></> : null}
            {d !== undefined && d.tool !== "" ? <> · tool <code>{d.tool}</code></> : null}
            {d !== undefined ? <> · attempt {d.attempt}</> : null}
          </p>
          <pre className="triage__error">{d?.error || threadError || (q.isPending ? "Loading…" : "")}</pre>
          {d !== undefined ? (
            <details className="triage__input">
              <summary>
                Last input ({formatBytes(Number(d.inputTotalBytes) || d.inputData.length)}
                {d.inputTruncated ? ", truncated by the service" : ""})
              </summary>
              <pre>{input.length > INPUT_PREVIEW ? `${input.slice(0, INPUT_PREVIEW)}…` : input}</pre>
            </details>
          ) : null}
          <div className="triage__actions">
            <button type="button" className="btn btn--primary btn--small" onClick={() => onGoToStep(stepPath)}>
              Go to step {stepPath}
            </button>
            <button type="button" className="btn btn--small" aria-expanded={comparing} onClick={() => setComparing((v) => !v)}>
              Compare with last success
            </button>
          </div>
          {d !== undefined && d.status === StepStatus.FAILED && d.recoverable ? <RetryWithCorrectedInput threadId={threadId} stepPath={stepPath} /> : null}
          {comparing ? <CompareWithLastSuccess threadId={threadId} scriptName={scriptName} stepPath={stepPath} /> : null}
        </>
      )}
    </section>
  );
}
