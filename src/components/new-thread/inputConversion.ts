// Switching the input between the typed form and raw JSON, without losing anything: a switch that
// would drop a value is refused, with the reason. Also resolves a pending input once the script's
// contract is known. Pure; the typed form's model and state come from the ask form (ask-form/).
import { buildAnswer, jsonErrorText } from "../ask-form/buildAnswer";
import { toFieldErrors, type FieldErrors } from "../ask-form/fieldErrors";
import type { FieldPath } from "../ask-form/fieldPath";
import type { FormModel } from "../ask-form/formModel";
import { initialFormState, isPlainObject, reconcileFormState } from "../ask-form/formState";
import { validateAnswer } from "../ask-form/validateAnswer";
import type { InputDraft } from "./newThreadDraft";

export type ToFields = { ok: true; input: Extract<InputDraft, { mode: "fields" }> } | { ok: false; message: string };
export type ToJson = { ok: true; input: Extract<InputDraft, { mode: "json" }> } | { ok: false; errors: FieldErrors };

/** True when the contract names typed inputs; without any, the input is raw JSON only. */
export function hasTypedInputs(model: FormModel | null): model is FormModel {
  return model !== null && model.fields.length > 0;
}

/** JSON text → the typed form. Refused for broken JSON, a non-object, or a value of the wrong type. */
export function jsonToFields(text: string, model: FormModel): ToFields {
  const source = text.trim() === "" ? EMPTY_OBJECT_TEXT : text;
  let value: unknown;
  try {
    value = JSON.parse(source) as unknown;
  } catch (error) {
    return { ok: false, message: `The input is not valid JSON: ${jsonErrorText(error)}` };
  }
  if (!isPlainObject(value)) {
    return { ok: false, message: `The typed form needs a JSON object; this input is ${describeJson(value)}.` };
  }
  const { known, extras } = splitKnown(value, model);
  // Missing values are fine (the form shows them empty); a present value of the wrong type would be
  // lost or altered by the form: keep JSON until it is fixed.
  const wrong = validateAnswer(model.fields, known).filter((violation) => valueAt(known, violation.path) !== undefined);
  if (wrong.length > 0) {
    const list = wrong.map((violation) => violation.message).join("; ");
    return { ok: false, message: `The typed form cannot show these values; fix them in JSON first: ${list}.` };
  }
  return { ok: true, input: { mode: "fields", state: initialFormState(model, known), extras } };
}

/** The typed form → JSON text. Refused while a field holds text that is not its type ("12a"). */
export function fieldsToJson(input: Extract<InputDraft, { mode: "fields" }>, model: FormModel): ToJson {
  const built = buildAnswer(model, input.state);
  if (built.errors.length > 0) return { ok: false, errors: toFieldErrors(built.errors) };
  return { ok: true, input: { mode: "json", text: prettyJson({ ...built.value, ...input.extras }) } };
}

/** A pending input, now that the contract is known (null: the script has no typed inputs). */
export function resolvePending(input: Extract<InputDraft, { mode: "pending" }>, model: FormModel | null): InputDraft {
  if (!hasTypedInputs(model) || input.prefer === "json") return { mode: "json", text: input.text };
  if (input.state !== undefined) {
    const base = jsonToFields(input.text, model);
    const fallback = base.ok ? base.input.state : initialFormState(model);
    return {
      mode: "fields",
      state: reconcileFormState(model, input.state, fallback),
      extras: isPlainObject(input.extras) ? input.extras : base.ok ? base.input.extras : {},
    };
  }
  const fields = jsonToFields(input.text, model);
  return fields.ok ? fields.input : { mode: "json", text: input.text };
}

/**
 * The input as JSON text, best effort (carried to another script or version, whose contract may
 * differ). Fields that do not parse are left out; everything else is kept.
 */
export function inputAsText(input: InputDraft, model: FormModel | null): string {
  switch (input.mode) {
    case "json":
    case "pending":
      return input.text;
    case "fields": {
      if (model === null) return EMPTY_OBJECT_TEXT;
      const built = buildAnswer(model, input.state);
      return prettyJson({ ...built.value, ...input.extras });
    }
  }
}

export const EMPTY_OBJECT_TEXT = "{}";

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function splitKnown(value: Record<string, unknown>, model: FormModel) {
  const names = new Set(model.fields.map((field) => field.name));
  const known: Record<string, unknown> = {};
  const extras: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (names.has(key)) known[key] = item;
    else extras[key] = item;
  }
  return { known, extras };
}

/** The keys of an input the contract does not name (sent as they are). */
export function extraKeys(input: InputDraft): string[] {
  return input.mode === "fields" ? Object.keys(input.extras) : [];
}

function valueAt(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current === null ? undefined : current;
}

export function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
