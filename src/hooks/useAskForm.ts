// The state of one ask form: the draft (kept in sessionStorage per thread + step + attempt), its
// field errors, and sending it safely (validation first, one request at a time, every outcome
// explained). Used by the approvals page and by "Retry with corrected input".
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useScriptumClient } from "../api/client";
import { collectPaths } from "../components/ask-form/formPaths";
import {
  mapFieldViolations,
  noFieldErrors,
  orderFieldErrors,
  toFieldErrors,
  type FieldErrors,
} from "../components/ask-form/fieldErrors";
import { initialDraft, restoreDraft, type FormDraft } from "../components/ask-form/formDraft";
import type { FormModel } from "../components/ask-form/formModel";
import { clearDrafts, loadDraft, saveDraft, type DraftAddress } from "../components/ask-form/draftStorage";
import { prepareAnswer } from "../components/ask-form/prepareAnswer";
import type { ResumeFailure } from "../api/asks/resumeErrors";
import { resumeGuard, submitResume, type ResumeOutcome, type ResumeTarget } from "../api/asks/submitResume";

/** What the last send said that is not an error on a field. */
export type AskNotice =
  | { kind: "rejected"; message: string }
  | { kind: "uncertain"; message: string }
  | { kind: "attempt-moved-on" }
  | { kind: "error"; failure: ResumeFailure };

/** Outcomes after which this form cannot send again. */
export type AskFinal =
  | { kind: "resumed"; outcome: Extract<ResumeOutcome, { kind: "resumed" }> }
  | { kind: "already-answered"; outcome: Extract<ResumeOutcome, { kind: "already-answered" }> }
  | { kind: "refused"; failure: Extract<ResumeFailure, { kind: "precondition" }> };

export type AskFormOptions = {
  target: ResumeTarget;
  model: FormModel | null;
  /** Values the form starts from (a step's last input); defaults otherwise. */
  initialValues?: Record<string, unknown>;
  draftAddress: DraftAddress;
  /** The service answered in a way that changes the ask (an attempt was used): reload it. */
  onAskChanged?: () => void;
  onFinal?: (final: AskFinal) => void;
};

export type AskFormController = {
  draft: FormDraft;
  setDraft: (draft: FormDraft) => void;
  errors: FieldErrors;
  /** Increases on every refused submit, so the form can move focus to the error summary. */
  errorsShown: number;
  notice: AskNotice | null;
  final: AskFinal | null;
  pending: boolean;
  submit: () => void;
};

export function useAskForm(options: AskFormOptions): AskFormController {
  const client = useScriptumClient();
  const { target, model, draftAddress } = options;
  const [draft, setDraftState] = useState<FormDraft>(() => {
    const fallback = initialDraft(model, options.initialValues);
    return restoreDraft(model, loadDraft(draftAddress), fallback);
  });
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const [errorsShown, setErrorsShown] = useState(0);
  const [notice, setNotice] = useState<AskNotice | null>(null);
  const [final, setFinal] = useState<AskFinal | null>(null);
  const [pending, setPending] = useState(false);
  const pendingRef = useRef(false);
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });

  // The draft follows the attempt: after a rejection it is saved under the new attempt at once.
  const addressKey = JSON.stringify(draftAddress);
  useEffect(() => {
    if (final?.kind !== "resumed") saveDraft(JSON.parse(addressKey) as DraftAddress, draft);
  }, [addressKey, draft, final]);

  const setDraft = useCallback((next: FormDraft) => setDraftState(next), []);

  const finish = useCallback((value: AskFinal) => {
    setFinal(value);
    latest.current.onFinal?.(value);
  }, []);

  const submit = useCallback(() => {
    if (pendingRef.current || final !== null) return;
    const prepared = prepareAnswer(model, draft);
    if (!prepared.ok) {
      setErrors(prepared.errors);
      setErrorsShown((count) => count + 1);
      setNotice(null);
      return;
    }
    pendingRef.current = true;
    setPending(true);
    setNotice(null);
    void submitResume({ client, guard: resumeGuard }, target, prepared.json)
      .then((outcome) => {
        const result = readOutcome(outcome, model, draft);
        setErrors(result.errors);
        if (result.errors !== noFieldErrors) setErrorsShown((count) => count + 1);
        setNotice(result.notice);
        if (result.final !== null) {
          if (result.final.kind === "resumed") clearDrafts(target.threadId, target.stepPath);
          finish(result.final);
        }
        if (result.askChanged) latest.current.onAskChanged?.();
      })
      .finally(() => {
        pendingRef.current = false;
        setPending(false);
      });
  }, [client, draft, final, finish, model, target]);

  return { draft, setDraft, errors, errorsShown, notice, final, pending, submit };
}

type ReadOutcome = { errors: FieldErrors; notice: AskNotice | null; final: AskFinal | null; askChanged: boolean };

function readOutcome(outcome: ResumeOutcome, model: FormModel | null, draft: FormDraft): ReadOutcome {
  const none = { errors: noFieldErrors, notice: null, final: null, askChanged: false };
  switch (outcome.kind) {
    case "resumed":
      return { ...none, final: { kind: "resumed", outcome } };
    case "already-answered":
      return { ...none, final: { kind: "already-answered", outcome } };
    case "attempt-moved-on":
      return { ...none, notice: { kind: "attempt-moved-on" }, askChanged: true };
    case "failed":
      return readFailure(outcome.failure, model, draft);
  }
}

function readFailure(failure: ResumeFailure, model: FormModel | null, draft: FormDraft): ReadOutcome {
  switch (failure.kind) {
    case "rejected": {
      const known = model !== null && draft.mode === "fields" ? collectPaths(model, draft.state) : new Set<string>();
      const errors =
        failure.violations.length > 0
          ? orderFieldErrors(mapFieldViolations(failure.violations, known), known)
          : toFieldErrors([{ path: [], message: failure.message || "The service rejected the answer" }]);
      return { errors, notice: { kind: "rejected", message: failure.message }, final: null, askChanged: true };
    }
    case "precondition":
      return { errors: noFieldErrors, notice: null, final: { kind: "refused", failure }, askChanged: true };
    case "uncertain":
      return { errors: noFieldErrors, notice: { kind: "uncertain", message: failure.message }, final: null, askChanged: false };
    case "not-found":
    case "denied":
    case "other":
      return { errors: noFieldErrors, notice: { kind: "error", failure }, final: null, askChanged: false };
  }
}
