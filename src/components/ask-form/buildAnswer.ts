// Override JSON building: the form state becomes the answer object that ResumeThread receives in
// step_input_override_json. Empty optional fields are left out; text that cannot be the field's
// type (a number typed as "12a", broken JSON) is reported, never sent. Pure.
import { assertNever } from "../../assertNever";
import { pathKey, type FieldPath } from "./fieldPath";
import type { ControlModel, FieldModel, FormModel } from "./formModel";
import type { FieldState, FormState } from "./formState";
import type { Violation } from "./violation";

export type BuiltAnswer = { value: Record<string, unknown>; errors: Violation[] };

const EMPTY = Symbol("empty");
type Built = unknown | typeof EMPTY;

export function buildAnswer(model: FormModel, state: FormState): BuiltAnswer {
  const errors: Violation[] = [];
  const value = buildObject(model.fields, state, [], errors);
  return { value, errors };
}

export function answerJson(value: Record<string, unknown>): string {
  return JSON.stringify(value);
}

function buildObject(
  fields: readonly FieldModel[],
  state: Record<string, FieldState>,
  path: FieldPath,
  errors: Violation[],
): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of fields) {
    const fieldState = state[field.name];
    if (fieldState === undefined) continue;
    const built = buildControl(field.control, fieldState, [...path, field.name], errors, field.required);
    if (built !== EMPTY) value[field.name] = built;
  }
  return value;
}

function buildControl(
  control: ControlModel,
  state: FieldState,
  path: FieldPath,
  errors: Violation[],
  required: boolean,
): Built {
  const name = pathKey(path);
  switch (control.kind) {
    case "string":
    case "enum":
      if (state.t !== "text") return EMPTY;
      return state.text === "" ? EMPTY : state.text;
    case "integer":
    case "number": {
      if (state.t !== "text") return EMPTY;
      const text = state.text.trim();
      if (text === "") return EMPTY;
      const parsed = parseNumber(text, control.kind);
      if (parsed === null) {
        errors.push({
          path,
          message: control.kind === "integer" ? `${name} must be a whole number` : `${name} must be a number`,
        });
        return EMPTY;
      }
      return parsed;
    }
    case "boolean":
      if (state.t !== "bool" || state.value === null) return EMPTY;
      return state.value;
    case "list": {
      if (state.t !== "list") return EMPTY;
      if (state.items.length === 0 && !required) return EMPTY;
      return state.items.map((item, index) => {
        const built = buildControl(control.element, item.state, [...path, index], errors, true);
        return built === EMPTY ? null : built;
      });
    }
    case "object": {
      if (state.t !== "object") return EMPTY;
      const value = buildObject(control.fields, state.fields, path, errors);
      if (!required && Object.keys(value).length === 0 && !hasErrorsUnder(errors, path)) return EMPTY;
      return value;
    }
    case "json": {
      if (state.t !== "text") return EMPTY;
      if (state.text.trim() === "") return EMPTY;
      try {
        return JSON.parse(state.text) as unknown;
      } catch (error) {
        errors.push({ path, message: `${name} is not valid JSON: ${jsonErrorText(error)}` });
        return EMPTY;
      }
    }
    default:
      return assertNever(control, "control");
  }
}

/** Strict number syntax: "12", "-3.5", "1e3". Not "", "12a", "0x10", "Infinity". */
export function parseNumber(text: string, kind: "integer" | "number"): number | null {
  const pattern = kind === "integer" ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  if (!pattern.test(text)) return null;
  const value = Number(text);
  if (!Number.isFinite(value)) return null;
  if (kind === "integer" && !Number.isSafeInteger(value)) return null;
  return value;
}

export function jsonErrorText(error: unknown): string {
  return error instanceof Error ? error.message : "syntax error";
}

function hasErrorsUnder(errors: readonly Violation[], path: FieldPath): boolean {
  const prefix = pathKey(path);
  return errors.some((error) => pathKey(error.path).startsWith(prefix));
}
