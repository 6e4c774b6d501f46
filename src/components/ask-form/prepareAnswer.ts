// Decides whether an answer may be sent: builds the override JSON and validates it as the server
// would. An invalid answer yields field errors and no JSON: nothing is sent. Pure.
import { answerJson, buildAnswer, jsonErrorText } from "./buildAnswer";
import { mergeClientErrors, orderFieldErrors, toFieldErrors, type FieldErrors } from "./fieldErrors";
import type { FormDraft } from "./formDraft";
import type { FormModel } from "./formModel";
import { collectPaths } from "./formPaths";
import { isPlainObject } from "./formState";
import { validateAnswer } from "./validateAnswer";

export type PreparedAnswer = { ok: true; json: string } | { ok: false; errors: FieldErrors };

export function prepareAnswer(model: FormModel | null, draft: FormDraft): PreparedAnswer {
  if (draft.mode === "json" || model === null) return prepareJson(draft.mode === "json" ? draft.text : "");
  const built = buildAnswer(model, draft.state);
  const errors = mergeClientErrors(built.errors, validateAnswer(model.fields, built.value));
  if (Object.keys(errors).length > 0) return { ok: false, errors: orderFieldErrors(errors, collectPaths(model, draft.state)) };
  return { ok: true, json: answerJson(built.value) };
}

function prepareJson(text: string): PreparedAnswer {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, errors: toFieldErrors([{ path: [], message: `The answer is not valid JSON: ${jsonErrorText(error)}` }]) };
  }
  if (!isPlainObject(value)) {
    return { ok: false, errors: toFieldErrors([{ path: [], message: "The answer must be a JSON object" }]) };
  }
  return { ok: true, json: JSON.stringify(value) };
}
