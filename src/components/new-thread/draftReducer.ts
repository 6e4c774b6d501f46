// Every change to the /new draft, as one pure reducer. Changing the script or version carries the
// input over as JSON (same-named values survive; the new contract decides the form).
import type { FormModel } from "../ask-form/formModel";
import { inputAsText, resolvePending } from "./inputConversion";
import type { InputDraft, MetadataRow, NewThreadDraft } from "./newThreadDraft";

export type DraftAction =
  /** `model`: the contract of the draft's current script/version, to carry the input over. */
  | { type: "script"; name: string; model: FormModel | null }
  | { type: "version"; version: number; model: FormModel | null }
  | { type: "input"; input: InputDraft }
  /** The contract of the current script/version is known (null: none could be loaded). */
  | { type: "contract-loaded"; model: FormModel | null }
  | { type: "load-env"; value: boolean }
  | { type: "metadata"; rows: MetadataRow[] }
  | { type: "timeout"; value: string }
  | { type: "callback-url"; value: string }
  | { type: "replace"; draft: NewThreadDraft };

export function draftReducer(draft: NewThreadDraft, action: DraftAction): NewThreadDraft {
  switch (action.type) {
    case "script":
      if (action.name === draft.scriptName) return draft;
      return { ...draft, scriptName: action.name, version: 0, input: carry(draft.input, action.model) };
    case "version":
      if (action.version === draft.version) return draft;
      return { ...draft, version: action.version, input: carry(draft.input, action.model) };
    case "input":
      return { ...draft, input: action.input };
    case "contract-loaded":
      return draft.input.mode === "pending" ? { ...draft, input: resolvePending(draft.input, action.model) } : draft;
    case "load-env":
      return { ...draft, loadEnv: action.value };
    case "metadata":
      return { ...draft, metadata: action.rows };
    case "timeout":
      return { ...draft, timeout: action.value };
    case "callback-url":
      return { ...draft, callbackUrl: action.value };
    case "replace":
      return action.draft;
  }
}

function carry(input: InputDraft, model: FormModel | null): InputDraft {
  return { mode: "pending", text: inputAsText(input, model), prefer: input.mode === "json" ? "json" : "fields" };
}
