// Pure validation of JSON values against typed fields, as the service enforces it for
// CreateThread inputs and ResumeThread answers. Each violation names the field (a path such as
// "lines[2].qty") and says in plain words what is wrong.
import { assertNever } from "./assertNever.js";
import type { EnumDefPlain, FieldDef, TypeDef } from "./contractTypes.js";

export interface Violation {
  field: string;
  description: string;
}

export interface ValidateOptions {
  /** Keys that are not fields are violations ("is not a field of this ask"). */
  rejectUnknown: boolean;
  unknownDescription?: string;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

export function validateValue(
  value: unknown,
  type: TypeDef,
  enums: readonly EnumDefPlain[],
  field: string,
): Violation[] {
  switch (type.kind) {
    case "string":
      return typeof value === "string" ? [] : [{ field, description: `must be a string, not ${describeKind(value)}` }];
    case "integer":
      return typeof value === "number" && Number.isInteger(value)
        ? []
        : [{ field, description: "must be a whole number" }];
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? [] : [{ field, description: "must be a number" }];
    case "boolean":
      return typeof value === "boolean" ? [] : [{ field, description: "must be true or false" }];
    case "json":
      return [];
    case "enum": {
      const values = enums.find((e) => e.name === type.enumName)?.values ?? [];
      return typeof value === "string" && values.includes(value)
        ? []
        : [{ field, description: `must be one of ${values.join(", ")}` }];
    }
    case "list":
      if (!Array.isArray(value)) return [{ field, description: "must be a list" }];
      return value.flatMap((item, i) => validateValue(item, type.element, enums, `${field}[${i}]`));
    case "object":
      if (!isPlainObject(value)) return [{ field, description: "must be an object" }];
      return validateObject(value, type.fields, enums, { rejectUnknown: true }, `${field}.`);
    default:
      return assertNever(type, "type kind");
  }
}

/** Validates an object against fields; `prefix` is prepended to field names in violations. */
export function validateObject(
  value: Record<string, unknown>,
  fields: readonly FieldDef[],
  enums: readonly EnumDefPlain[],
  options: ValidateOptions,
  prefix = "",
): Violation[] {
  const violations: Violation[] = [];
  for (const f of fields) {
    const v = value[f.name];
    if (v === undefined || v === null) {
      if (f.required) violations.push({ field: prefix + f.name, description: "is required" });
      continue;
    }
    violations.push(...validateValue(v, f.type, enums, prefix + f.name));
  }
  if (options.rejectUnknown) {
    const known = new Set(fields.map((f) => f.name));
    for (const key of Object.keys(value)) {
      if (!known.has(key)) {
        violations.push({ field: prefix + key, description: options.unknownDescription ?? "is not a known field" });
      }
    }
  }
  return violations;
}

/** Fills absent optional fields that have a default. */
export function applyDefaults(value: Record<string, unknown>, fields: readonly FieldDef[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const f of fields) {
    if ((out[f.name] === undefined || out[f.name] === null) && f.defaultJson !== undefined) {
      out[f.name] = JSON.parse(f.defaultJson) as unknown;
    }
  }
  return out;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
