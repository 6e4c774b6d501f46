// Client validation that mirrors the server's (contract.md decisions 3 and 4): the answer is an
// object keyed by the ask's field names; required fields are present; every value has its field's
// type; enum values are among the allowed options; no unknown keys. Pure.
import { assertNever } from "../../assertNever";
import { pathKey, type FieldPath } from "./fieldPath";
import type { ControlModel, FieldModel } from "./formModel";
import { isPlainObject } from "./formState";
import type { Violation } from "./violation";

export function validateAnswer(fields: readonly FieldModel[], answer: unknown): Violation[] {
  if (!isPlainObject(answer)) return [{ path: [], message: "The answer must be a JSON object" }];
  const violations: Violation[] = [];
  validateObject(fields, answer, [], violations);
  return violations;
}

function validateObject(
  fields: readonly FieldModel[],
  value: Record<string, unknown>,
  path: FieldPath,
  out: Violation[],
): void {
  const known = new Set(fields.map((field) => field.name));
  for (const key of Object.keys(value)) {
    if (!known.has(key)) out.push({ path: [...path, key], message: `${pathKey([...path, key])} is not a field of this form` });
  }
  for (const field of fields) {
    const fieldPath = [...path, field.name];
    const present = Object.hasOwn(value, field.name) && value[field.name] !== null && value[field.name] !== undefined;
    if (!present) {
      if (field.required) out.push({ path: fieldPath, message: `${pathKey(fieldPath)} is required` });
      continue;
    }
    validateValue(field.control, value[field.name], fieldPath, out);
  }
}

function validateValue(control: ControlModel, value: unknown, path: FieldPath, out: Violation[]): void {
  const name = pathKey(path);
  switch (control.kind) {
    case "string":
      if (typeof value !== "string") out.push({ path, message: `${name} must be text` });
      return;
    case "integer":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) out.push({ path, message: `${name} must be a whole number` });
      return;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) out.push({ path, message: `${name} must be a number` });
      return;
    case "boolean":
      if (typeof value !== "boolean") out.push({ path, message: `${name} must be true or false` });
      return;
    case "enum":
      if (control.values === null) {
        if (typeof value !== "string") out.push({ path, message: `${name} must be one of the options of ${control.enumName}` });
      } else if (typeof value !== "string" || !control.values.includes(value)) {
        out.push({ path, message: `${name} must be one of ${control.values.join(", ")}` });
      }
      return;
    case "list":
      if (!Array.isArray(value)) {
        out.push({ path, message: `${name} must be a list` });
        return;
      }
      value.forEach((item: unknown, index) => {
        const itemPath = [...path, index];
        if (item === null || item === undefined) out.push({ path: itemPath, message: `${pathKey(itemPath)} is empty` });
        else validateValue(control.element, item, itemPath, out);
      });
      return;
    case "object":
      if (!isPlainObject(value)) out.push({ path, message: `${name} must be an object` });
      else validateObject(control.fields, value, path, out);
      return;
    case "json":
      return;
    default:
      assertNever(control, "control");
  }
}
