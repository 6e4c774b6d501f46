// What the person has entered: a typed form, or a JSON answer when the ask describes no fields.
import type { FormModel } from "./formModel";
import { initialFormState, isPlainObject, reconcileFormState, type FormState } from "./formState";

export type FormDraft = { mode: "fields"; state: FormState } | { mode: "json"; text: string };

export function initialDraft(model: FormModel | null, values?: Record<string, unknown>, json?: string): FormDraft {
  if (model === null) return { mode: "json", text: json ?? (values === undefined ? "{\n  \n}" : JSON.stringify(values, null, 2)) };
  return { mode: "fields", state: initialFormState(model, values) };
}

/** A stored draft, fitted to the current model; the fallback when it does not fit. */
export function restoreDraft(model: FormModel | null, stored: unknown, fallback: FormDraft): FormDraft {
  if (!isPlainObject(stored)) return fallback;
  if (model === null) {
    return stored.mode === "json" && typeof stored.text === "string" ? { mode: "json", text: stored.text } : fallback;
  }
  if (stored.mode !== "fields" || fallback.mode !== "fields") return fallback;
  return { mode: "fields", state: reconcileFormState(model, stored.state, fallback.state) };
}
