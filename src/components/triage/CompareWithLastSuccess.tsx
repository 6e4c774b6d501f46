// "Compare with last success" (no peer has it): the failing step's input and output against the
// same path in the latest completed thread of the same script, and the step statuses side by side.
import { useId, useMemo } from "react";
import { Link } from "react-router";
import { paths } from "../../routes";
import { useStepComparison, type StepSide } from "../../hooks/useStepComparison";
import { ErrorMessage } from "../common/ErrorMessage";
import { formatTimestamp } from "../common/formatTime";
import { StatusBadge } from "../common/StatusBadge";
import { JsonDiffView } from "../json/JsonDiffView";
import { compareStepStatuses } from "./compareSteps";

export function CompareWithLastSuccess({ threadId, scriptName, stepPath }: { threadId: string; scriptName: string; stepPath: string }) {
  const q = useStepComparison(threadId, scriptName, stepPath, true);
  const id = useId();
  const statuses = useMemo(() => (q.data !== undefined ? compareStepStatuses(q.data.thisSteps, q.data.goodSteps) : null), [q.data]);
  if (q.isPending) return <p className="muted" role="status">Looking for the last successful {scriptName} thread…</p>;
  if (q.isError) return <ErrorMessage error={q.error} title="Could not compare with the last success" />;
  const { good, thisStep, goodStep } = q.data;
  if (good === null) return <p className="muted">No completed thread of {scriptName} to compare with.</p>;
  return (
    <section className="compare" aria-labelledby={id}>
      <h3 id={id}>
        Compared with <Link to={paths.threadStep(good.threadId, stepPath)}>{good.threadId}</Link>
      </h3>
      <p className="muted">
        The latest completed {scriptName} thread
        {good.finishedAtMs > 0n ? `, finished ${formatTimestamp(good.finishedAtMs)}` : ""}.
      </p>
      {goodStep.detail === null ? (
        <p className="notice">The successful run has no step {stepPath}.</p>
      ) : (
        <>
          <h4>Step {stepPath} input</h4>
          <PartialNote a={goodStep} b={thisStep} field="input" />
          <JsonDiffView left={goodStep.input} right={thisStep.input} caption={`Input of step ${stepPath}: last success and this run`} />
          <h4>Step {stepPath} output</h4>
          <PartialNote a={goodStep} b={thisStep} field="output" />
          <JsonDiffView left={goodStep.output} right={thisStep.output} caption={`Output of step ${stepPath}: last success and this run`} />
        </>
      )}
      {statuses !== null ? (
        <>
          <h4>Step statuses</h4>
          <p className="muted">
            {statuses.same.toLocaleString("en-US")} steps ended the same way; {statuses.differingTotal.toLocaleString("en-US")} differ
            {statuses.differingTotal > statuses.differing.length ? ` (first ${statuses.differing.length} listed)` : ""}.
          </p>
          {statuses.differing.length > 0 ? (
            <div className="json-diff__scroll">
              <table className="compare__table">
                <thead>
                  <tr>
                    <th scope="col">Step</th>
                    <th scope="col">Name</th>
                    <th scope="col">Last success</th>
                    <th scope="col">This run</th>
                  </tr>
                </thead>
                <tbody>
                  {statuses.differing.map((r) => (
                    <tr key={r.path}>
                      <th scope="row">
                        <Link to={paths.threadStep(threadId, r.path)}>{r.path}</Link>
                      </th>
                      <td>{r.name}</td>
                      <td>{r.lastSuccess !== undefined ? <StatusBadge kind="step" status={r.lastSuccess} compact /> : "—"}</td>
                      <td>{r.thisRun !== undefined ? <StatusBadge kind="step" status={r.thisRun} compact /> : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function PartialNote({ a, b, field }: { a: StepSide; b: StepSide; field: "input" | "output" }) {
  const partial = field === "input" ? a.inputPartial || b.inputPartial : a.outputPartial || b.outputPartial;
  if (!partial) return null;
  return (
    <p className="muted" role="note">
      One side is a truncated preview{field === "input" ? " (the service does not send full step inputs yet)" : ""}: differences near its end may be cut.
    </p>
  );
}
