// Decides whether the draft may be sent: every check the service would make that the browser can
// make first. An invalid draft yields errors placed on its fields and no request: nothing is sent.
// Pure.
import type { CreateThreadInput } from "../../api/create/createThread";
import { buildAnswer, jsonErrorText } from "../ask-form/buildAnswer";
import { mergeClientErrors, toFieldErrors, type FieldErrors } from "../ask-form/fieldErrors";
import type { FormModel } from "../ask-form/formModel";
import { isPlainObject } from "../ask-form/formState";
import { validateAnswer } from "../ask-form/validateAnswer";
import { describeJson, hasTypedInputs } from "./inputConversion";
import { metadataFromRows } from "./metadataRows";
import type { InputDraft, NewThreadDraft } from "./newThreadDraft";
import { hasErrors, type NewThreadErrors, type TopField } from "./newThreadErrors";
import { callbackUrlProblem, timeoutProblem } from "./runOptions";

export type PreparedCreate = { ok: true; request: CreateThreadInput } | { ok: false; errors: NewThreadErrors };

/** `model`: the typed inputs of the chosen script and version; null while unknown. */
export function prepareCreateRequest(draft: NewThreadDraft, model: FormModel | null): PreparedCreate {
  const top: Partial<Record<TopField, string[]>> = {};
  const scriptName = draft.scriptName.trim();
  if (scriptName === "") top.script = ["Choose a script."];
  if (!Number.isInteger(draft.version) || draft.version < 0) top.version = ["Choose a version."];
  const metadata = metadataFromRows(draft.metadata);
  if (!metadata.ok) top.metadata = metadata.problems;
  const timeout = timeoutProblem(draft.timeout);
  if (timeout !== null) top.timeout = [timeout];
  const callback = callbackUrlProblem(draft.callbackUrl);
  if (callback !== null) top.callbackUrl = [callback];
  const input = prepareInput(draft.input, model);

  const errors: NewThreadErrors = { top, input: input.ok ? {} : input.errors };
  if (hasErrors(errors) || !input.ok || !metadata.ok) return { ok: false, errors };
  return {
    ok: true,
    request: {
      scriptName,
      version: draft.version,
      inputJson: input.json,
      loadEnv: draft.loadEnv,
      metadata: metadata.metadata,
      timeout: draft.timeout.trim(),
      callbackUrl: draft.callbackUrl.trim(),
    },
  };
}

type PreparedInput = { ok: true; json: string } | { ok: false; errors: FieldErrors };

export function prepareInput(input: InputDraft, model: FormModel | null): PreparedInput {
  if (input.mode === "fields") {
    if (model === null) return { ok: false, errors: { "": ["The script's inputs are still loading."] } };
    const built = buildAnswer(model, input.state);
    const errors = mergeClientErrors(built.errors, validateAnswer(model.fields, built.value));
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    return { ok: true, json: JSON.stringify({ ...built.value, ...input.extras }) };
  }
  const text = input.text.trim() === "" ? "{}" : input.text.trim();
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, errors: { "": [`The input is not valid JSON: ${jsonErrorText(error)}`] } };
  }
  if (!hasTypedInputs(model)) return { ok: true, json: text };
  if (!isPlainObject(value)) {
    return {
      ok: false,
      errors: { "": [`The input must be a JSON object with the script's inputs; this is ${describeJson(value)}.`] },
    };
  }
  const names = new Set(model.fields.map((field) => field.name));
  // Keys the contract does not name are passed through, as the service does.
  const known = Object.fromEntries(Object.entries(value).filter(([key]) => names.has(key)));
  const violations = validateAnswer(model.fields, known);
  if (violations.length > 0) return { ok: false, errors: toFieldErrors(violations) };
  return { ok: true, json: text };
}
