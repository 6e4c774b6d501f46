// The state of /new: the draft (kept in sessionStorage), the chosen script's contract, the rerun
// pre-fill, and creating the thread safely (checks first, one request at a time, every refusal
// placed on the form, the draft kept until the thread exists).
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { useCreateThread } from "../../api/create/createThread";
import { useRerunSource } from "../../api/create/rerunSource";
import { useScript, useScriptVersions } from "../../api/scripts/scriptQueries";
import type { FormModel } from "../../components/ask-form/formModel";
import { readCreateError } from "../../components/new-thread/createErrors";
import { draftReducer, type DraftAction } from "../../components/new-thread/draftReducer";
import { clearNewThreadDraft, loadNewThreadDraft, saveNewThreadDraft } from "../../components/new-thread/draftStorage";
import { emptyDraft, type NewThreadDraft } from "../../components/new-thread/newThreadDraft";
import { NO_ERRORS, type NewThreadErrors } from "../../components/new-thread/newThreadErrors";
import { prepareCreateRequest } from "../../components/new-thread/prepareCreateRequest";
import { rerunDraft } from "../../components/new-thread/rerunDraft";
import { contractFor, inputModel } from "../../components/new-thread/scriptContract";
import { paths } from "../../routes";

/** The stored draft, unless it belongs to another rerun than the one asked for. */
function initialDraft(rerunId: string | null): NewThreadDraft {
  const stored = loadNewThreadDraft();
  if (stored !== null && (rerunId === null || stored.rerunOf === rerunId)) return stored;
  return emptyDraft();
}

export function useNewThreadForm(rerunId: string | null) {
  const navigate = useNavigate();
  const [draft, dispatch] = useReducer(draftReducer, rerunId, initialDraft);
  const [errors, setErrors] = useState<NewThreadErrors>(NO_ERRORS);
  const [errorsShown, setErrorsShown] = useState(0);
  const [createError, setCreateError] = useState<unknown>(null);
  const created = useRef(false);

  // Rerun: pre-fill once from the thread (a stored draft of the same rerun already has it).
  const needsRerun = rerunId !== null && draft.rerunOf !== rerunId;
  const rerun = useRerunSource(needsRerun ? rerunId : null);
  useEffect(() => {
    if (needsRerun && rerun.data !== undefined) dispatch({ type: "replace", draft: rerunDraft(rerun.data) });
  }, [needsRerun, rerun.data]);

  const script = useScript(draft.scriptName);
  const versions = useScriptVersions(draft.scriptName);
  const model: FormModel | null = useMemo(
    () => (script.data ? inputModel(contractFor(script.data, versions.data, draft.version)) : null),
    [script.data, versions.data, draft.version],
  );

  // A pending input becomes the typed form (or JSON) once the contract is known — or JSON when the
  // script cannot be loaded, so the input stays editable and the service can say what is wrong.
  const contractKnown = model !== null || script.isError;
  useEffect(() => {
    if (draft.input.mode === "pending" && draft.scriptName !== "" && contractKnown) {
      dispatch({ type: "contract-loaded", model });
    }
  }, [draft.input.mode, draft.scriptName, contractKnown, model]);

  useEffect(() => {
    if (!created.current) saveNewThreadDraft(draft);
  }, [draft]);

  const create = useCreateThread();
  const pendingRef = useRef(false);

  const submit = useCallback(() => {
    if (pendingRef.current) return;
    const prepared = prepareCreateRequest(draft, model);
    if (!prepared.ok) {
      setErrors(prepared.errors);
      setErrorsShown((count) => count + 1);
      setCreateError(null);
      return;
    }
    pendingRef.current = true;
    setErrors(NO_ERRORS);
    setCreateError(null);
    create.mutate(prepared.request, {
      onSuccess: (thread) => {
        created.current = true;
        clearNewThreadDraft();
        void navigate(paths.thread(thread.threadId));
      },
      onError: (error) => {
        const view = readCreateError(error, draft.input, model);
        setErrors(view.errors);
        setErrorsShown((count) => count + 1);
        setCreateError(view.mapped ? null : error);
      },
      onSettled: () => {
        pendingRef.current = false;
      },
    });
  }, [create, draft, model, navigate]);

  const update = useCallback(
    (action: DraftAction) => {
      if (action.type === "script") setErrors(NO_ERRORS);
      dispatch(action);
    },
    [dispatch],
  );

  const startOver = useCallback(() => {
    clearNewThreadDraft();
    dispatch({ type: "replace", draft: emptyDraft() });
    setErrors(NO_ERRORS);
    setCreateError(null);
    if (rerunId !== null) void navigate(paths.newThread(), { replace: true });
  }, [navigate, rerunId]);

  return {
    draft,
    update,
    model,
    script,
    versions,
    rerun: { loading: needsRerun && rerun.isPending, error: needsRerun ? rerun.error : null },
    errors,
    errorsShown,
    createError,
    pending: create.isPending,
    submit,
    startOver,
  };
}
