// /approvals/:threadId: the opened thread. Paused → its ask and the answer form; failed at a
// recoverable step → "Retry with corrected input"; otherwise what the thread is doing. Once a form
// was shown it stays (locked, with the reason) when the thread moves on, so a draft is never lost.
import { useCallback, useId, useState } from "react";
import type { LoadedAsk } from "../../api/asks/loadAsk";
import { ThreadStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { AskAnswerForm } from "../../components/ask-form/AskAnswerForm";
import { RetryWithCorrectedInput } from "../../components/ask-form/RetryWithCorrectedInput";
import { ErrorMessage } from "../../components/common/ErrorMessage";
import { useAskDetail } from "../../hooks/useAskDetail";
import type { AskFinal } from "../../hooks/useAskForm";
import { AskHeader } from "./AskHeader";
import { ThreadNotWaiting } from "./ThreadNotWaiting";

export type AskPanelProps = {
  threadId: string;
  onAnswered: (threadId: string, stepPath: string) => void;
};

type ShownAsk = { stepPath: string; loaded: LoadedAsk | null };

export function AskPanel({ threadId, onAnswered }: AskPanelProps) {
  const headingId = useId();
  const { thread, ask } = useAskDetail(threadId);
  const [shown, setShown] = useState<ShownAsk | null>(null);
  // A failed thread's retry form stays once shown, so its outcome is still read after the resume.
  const [retryStep, setRetryStep] = useState<string | null>(null);

  const data = thread.data;
  const waiting = data?.status === ThreadStatus.PAUSED;
  const stepPath = data?.currentStepPath ?? "";
  // The ask on screen: the current one, or (once the thread moved on) the last one shown.
  let current: ShownAsk | null = null;
  if (waiting && ask.data !== undefined) current = { stepPath, loaded: ask.data };
  else if (waiting && ask.isError) current = { stepPath, loaded: null };
  if (current !== null && (shown === null || shown.stepPath !== current.stepPath || shown.loaded !== current.loaded)) {
    setShown(current);
  }

  if (data?.status === ThreadStatus.FAILED && retryStep === null) setRetryStep(data.currentStepPath);

  const refetchAsk = ask.refetch;
  const refetchThread = thread.refetch;
  const onAskChanged = useCallback(() => {
    void refetchThread();
    void refetchAsk();
  }, [refetchAsk, refetchThread]);
  const onFinal = useCallback(
    (final: AskFinal) => {
      if (final.kind === "resumed" || final.kind === "already-answered") onAnswered(threadId, shown?.stepPath ?? stepPath);
      void refetchThread();
    },
    [onAnswered, refetchThread, shown, stepPath, threadId],
  );

  if (data === undefined) {
    if (thread.isError) return <ErrorMessage error={thread.error} title={`Could not read thread ${threadId}`} />;
    return <p className="muted">Loading thread {threadId}…</p>;
  }

  const display = current ?? shown;
  if (display !== null) {
    const movedOn = waiting && stepPath === display.stepPath ? null : data;
    return (
      <section className="card ask-panel" aria-labelledby={headingId}>
        <div className="card__body stack">
          <AskHeader thread={data} loaded={display.loaded} headingId={headingId} />
          {ask.isError && display.loaded === null ? (
            <ErrorMessage error={ask.error} title="Could not read the ask; you can still answer with JSON" />
          ) : null}
          <AskAnswerForm
            key={`${threadId}|${display.stepPath}`}
            threadId={threadId}
            stepPath={display.stepPath}
            ask={display.loaded?.ask ?? null}
            onAskChanged={onAskChanged}
            onFinal={onFinal}
            movedOn={movedOn}
          />
        </div>
      </section>
    );
  }

  if (waiting) return <p className="muted">Reading the ask of thread {threadId}…</p>;

  return (
    <section className="card ask-panel" aria-labelledby={headingId}>
      <div className="card__body stack">
        <h2 id={headingId} className="ask-header__title">
          {data.scriptName} <span className="mono subtle">{data.threadId}</span>
        </h2>
        <ThreadNotWaiting thread={data} />
        {retryStep !== null ? <RetryWithCorrectedInput threadId={threadId} stepPath={retryStep} defaultOpen /> : null}
      </div>
    </section>
  );
}
