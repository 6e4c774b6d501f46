// The form for one ask of one paused thread: built from its AskSpec (or a JSON answer editor when
// the service describes none), and the outcome of sending it.
import { useId, useMemo } from "react";
import type { AskSpec, Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { useAskForm, type AskFinal } from "../../hooks/useAskForm";
import { AskForm } from "./AskForm";
import { AskFinalView, AskNoticeView, MovedOnView } from "./AskOutcome";
import { buildFormModel } from "./formModel";

export type AskAnswerFormProps = {
  threadId: string;
  stepPath: string;
  ask: AskSpec | null;
  /** An attempt was used or the ask changed: reload it (attempts left). */
  onAskChanged?: () => void;
  onFinal?: (final: AskFinal) => void;
  /** The thread no longer waits at this ask (seen by polling): the form is locked and says why. */
  movedOn?: Thread | null;
};

export function AskAnswerForm({ threadId, stepPath, ask, onAskChanged, onFinal, movedOn = null }: AskAnswerFormProps) {
  const formId = `ask-${useId().replace(/[^A-Za-z0-9_-]/g, "")}`;
  const model = useMemo(() => (ask === null ? null : buildFormModel(ask.fields, ask.enums)), [ask]);
  const attempt = ask?.attempt ?? 0;
  const target = useMemo(() => ({ threadId, stepPath, mode: "ask" as const, attempt }), [threadId, stepPath, attempt]);
  const form = useAskForm({
    target,
    model,
    draftAddress: { threadId, stepPath, attempt },
    onAskChanged,
    onFinal,
  });
  return (
    <div className="stack">
      {form.final !== null ? <AskFinalView final={form.final} threadId={threadId} wording="answer" /> : null}
      {form.final === null && movedOn !== null ? <MovedOnView thread={movedOn} /> : null}
      {form.notice !== null && form.final === null && movedOn === null ? <AskNoticeView notice={form.notice} wording="answer" /> : null}
      {form.final?.kind === "resumed" ? null : (
        <AskForm
          formId={formId}
          model={model}
          form={form}
          submitLabel="Send answer"
          locked={form.final !== null || movedOn !== null}
        />
      )}
    </div>
  );
}
