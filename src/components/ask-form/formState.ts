// The editable state of an ask form: text as typed (so "12a" can be shown and explained), booleans
// that may be unset, list rows with stable ids, nested objects. Pure.
import { assertNever } from "../../assertNever";
import type { ControlModel, FieldModel, FormModel } from "./formModel";

export type FieldState =
  | { t: "text"; text: string }
  | { t: "bool"; value: boolean | null }
  | { t: "list"; items: ListItemState[] }
  | { t: "object"; fields: Record<string, FieldState> };

export type ListItemState = { id: string; state: FieldState };

export type FormState = Record<string, FieldState>;

let nextRowId = 0;
export function newRowId(): string {
  nextRowId += 1;
  return `row-${Date.now().toString(36)}-${nextRowId}`;
}

/** The form's starting state: each field from `values[name]` when given, else its default. */
export function initialFormState(model: FormModel, values?: Record<string, unknown>): FormState {
  return objectState(model.fields, values);
}

function objectState(fields: readonly FieldModel[], values: Record<string, unknown> | undefined): FormState {
  const state: FormState = {};
  for (const field of fields) {
    const given = values !== undefined && Object.hasOwn(values, field.name) ? values[field.name] : undefined;
    state[field.name] = fieldState(field, given !== undefined ? given : field.defaultValue);
  }
  return state;
}

function fieldState(field: FieldModel, value: unknown): FieldState {
  const state = controlState(field.control, value);
  // A required yes/no starts as "no": an unticked checkbox is an answer.
  if (state.t === "bool" && state.value === null && field.required) return { t: "bool", value: false };
  return state;
}

/** State of one control from a JSON value (undefined = empty). Values of the wrong type show as text. */
export function controlState(control: ControlModel, value: unknown): FieldState {
  switch (control.kind) {
    case "string":
    case "enum":
      return { t: "text", text: value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value) };
    case "integer":
    case "number":
      return { t: "text", text: value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value) };
    case "boolean":
      return { t: "bool", value: typeof value === "boolean" ? value : null };
    case "list":
      return {
        t: "list",
        items: Array.isArray(value)
          ? value.map((item: unknown) => ({ id: newRowId(), state: controlState(control.element, item) }))
          : [],
      };
    case "object":
      return { t: "object", fields: objectState(control.fields, isPlainObject(value) ? value : undefined) };
    case "json":
      return { t: "text", text: value === undefined ? "" : JSON.stringify(value, null, 2) };
    default:
      return assertNever(control, "control");
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Fits a stored draft to the current model: fields the model no longer has are dropped, fields
 * whose shape changed start from `fallback`. A draft is untrusted input (sessionStorage).
 */
export function reconcileFormState(model: FormModel, draft: unknown, fallback: FormState): FormState {
  if (!isPlainObject(draft)) return fallback;
  const state: FormState = {};
  for (const field of model.fields) {
    const fallbackField = fallback[field.name] ?? controlState(field.control, undefined);
    state[field.name] = reconcileField(field.control, draft[field.name], fallbackField);
  }
  return state;
}

function reconcileField(control: ControlModel, draft: unknown, fallback: FieldState): FieldState {
  if (!isPlainObject(draft)) return fallback;
  switch (control.kind) {
    case "string":
    case "enum":
    case "integer":
    case "number":
    case "json":
      return draft.t === "text" && typeof draft.text === "string" ? { t: "text", text: draft.text } : fallback;
    case "boolean":
      return draft.t === "bool" && (typeof draft.value === "boolean" || draft.value === null)
        ? { t: "bool", value: draft.value }
        : fallback;
    case "list": {
      if (draft.t !== "list" || !Array.isArray(draft.items)) return fallback;
      const items: ListItemState[] = [];
      for (const item of draft.items as unknown[]) {
        if (!isPlainObject(item)) continue;
        const empty = controlState(control.element, undefined);
        items.push({
          id: typeof item.id === "string" ? item.id : newRowId(),
          state: reconcileField(control.element, item.state, empty),
        });
      }
      return { t: "list", items };
    }
    case "object": {
      if (draft.t !== "object" || !isPlainObject(draft.fields)) return fallback;
      const fallbackFields = fallback.t === "object" ? fallback.fields : {};
      return {
        t: "object",
        fields: reconcileFormState({ fields: control.fields }, draft.fields, fallbackFields),
      };
    }
    default:
      return assertNever(control, "control");
  }
}
