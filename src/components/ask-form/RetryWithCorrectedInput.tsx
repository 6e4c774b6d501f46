// "Retry with corrected input" for a thread that failed at a recoverable step (contract.md
// decision 2): the same form as an ask, pre-filled from the step's last input, resumes the thread
// with the correction. Self-contained: mount it on any page of a failed thread; it renders nothing
// unless the thread is failed and its step recoverable.
import { useId, useMemo, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { isPlainObject } from "./formState";
import { useAskForm } from "../../hooks/useAskForm";
import { useAskRecovery, type AskRecovery } from "../../hooks/useAskRecovery";
import { AskForm } from "./AskForm";
import { AskFinalView, AskNoticeView } from "./AskOutcome";
import { buildFormModel } from "./formModel";
import { inferFields } from "./inferFields";

export type RetryWithCorrectedInputProps = {
  threadId: string;
  /** The failed step; "" lets the component find it (the thread's current step, else the failed one). */
  stepPath: string;
  /** Start with the form open (a deep link straight to the correction). */
  defaultOpen?: boolean;
};

export function RetryWithCorrectedInput({ threadId, stepPath, defaultOpen = false }: RetryWithCorrectedInputProps) {
  const recovery = useAskRecovery(threadId, stepPath);
  const [open, setOpen] = useState(defaultOpen);
  const [finished, setFinished] = useState(false);
  const headingId = useId();
  const data = recovery.data;
  if (data === undefined || (!data.available && !finished)) return null;
  return (
    <section className="card ask-retry" aria-labelledby={headingId}>
      <div className="card__header">
        <h2 id={headingId}>Retry with corrected input</h2>
        {!open ? (
          <button type="button" className="btn btn--primary" aria-expanded={false} onClick={() => setOpen(true)}>
            Retry with corrected input
          </button>
        ) : null}
      </div>
      <div className="card__body stack">
        <p>
          Step <span className="mono">{data.step.stepPath}</span>
          {data.step.step !== null && data.step.step.name !== "" ? (
            <>
              {" "}
              (<span className="mono">{data.step.step.name}</span>)
            </>
          ) : null}{" "}
          failed with a recoverable error. Correct its input and resume the thread from that step.
        </p>
        {data.step.step !== null && data.step.step.error !== "" ? (
          <pre className="ask-retry__error">{data.step.step.error}</pre>
        ) : null}
        {open ? <RetryForm recovery={data} onFinished={() => setFinished(true)} /> : null}
      </div>
    </section>
  );
}

function RetryForm({ recovery, onFinished }: { recovery: AskRecovery; onFinished: () => void }) {
  const queryClient = useQueryClient();
  const formId = `retry-${useId().replace(/[^A-Za-z0-9_-]/g, "")}`;
  const { thread, step } = recovery;
  const lastInput = isPlainObject(step.lastInput) ? step.lastInput : undefined;
  const model = useMemo(() => (lastInput === undefined ? null : buildFormModel(inferFields(lastInput), [])), [lastInput]);
  const target = useMemo(
    () => ({ threadId: thread.threadId, stepPath: step.stepPath, mode: "recovery" as const, attempt: 0, failedAtMs: thread.finishedAtMs }),
    [thread.threadId, thread.finishedAtMs, step.stepPath],
  );
  const form = useAskForm({
    target,
    model,
    initialValues: lastInput,
    draftAddress: { threadId: thread.threadId, stepPath: step.stepPath, attempt: `recovery-${thread.finishedAtMs}` },
    onFinal: (final) => {
      if (final.kind === "resumed") onFinished();
      void queryClient.invalidateQueries({ queryKey: ["approvals"] });
    },
  });
  return (
    <div className="stack">
      {step.lastInput === undefined ? (
        <p className="field__warning">The step's last input could not be read (missing, truncated or not JSON): write the corrected input.</p>
      ) : null}
      {form.final !== null ? <AskFinalView final={form.final} threadId={thread.threadId} wording="correction" /> : null}
      {form.notice !== null && form.final === null ? <AskNoticeView notice={form.notice} wording="correction" /> : null}
      {form.final?.kind === "resumed" ? null : (
        <AskForm formId={formId} model={model} form={form} submitLabel="Resume with this input" locked={form.final !== null} />
      )}
    </div>
  );
}
