// Field errors of a form, keyed by pathKey; "" holds errors about the answer as a whole. Pure.
import { parseFieldPath, pathKey } from "./fieldPath";
import type { Violation } from "./violation";

export type FieldErrors = Readonly<Record<string, readonly string[]>>;

export const noFieldErrors: FieldErrors = {};

/** The first message per path wins its place; a path's later, different messages follow it. */
export function toFieldErrors(violations: readonly Violation[]): FieldErrors {
  const errors: Record<string, string[]> = {};
  for (const violation of violations) {
    const key = pathKey(violation.path);
    const list = (errors[key] ??= []);
    if (!list.includes(violation.message)) list.push(violation.message);
  }
  return errors;
}

/** Parse errors come first: "12a must be a number" says more than "amount is required". */
export function mergeClientErrors(parseErrors: readonly Violation[], validation: readonly Violation[]): FieldErrors {
  const parsed = new Set(parseErrors.map((violation) => pathKey(violation.path)));
  return toFieldErrors([...parseErrors, ...validation.filter((violation) => !parsed.has(pathKey(violation.path)))]);
}

export function hasFieldErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((list) => list.length > 0);
}

export type ServerFieldViolation = { field: string; description: string };

/**
 * google.rpc.BadRequest field violations → errors on the form's fields. A violation whose field
 * the form does not show goes to the form as a whole, with its field named.
 */
export function mapFieldViolations(
  violations: readonly ServerFieldViolation[],
  knownPaths: ReadonlySet<string>,
): FieldErrors {
  const mapped: Violation[] = [];
  for (const violation of violations) {
    const path = parseFieldPath(violation.field);
    const key = pathKey(path);
    const description = violation.description.trim() === "" ? "was rejected by the server" : violation.description;
    if (key !== "" && knownPaths.has(key)) mapped.push({ path, message: description });
    else mapped.push({ path: [], message: key === "" ? description : `${key}: ${description}` });
  }
  return toFieldErrors(mapped);
}

/** The same errors in form order (the answer as a whole first, then fields as they appear). */
export function orderFieldErrors(errors: FieldErrors, formOrder: Iterable<string>): FieldErrors {
  const ordered: Record<string, readonly string[]> = {};
  for (const key of ["", ...formOrder]) {
    const messages = errors[key];
    if (messages !== undefined) ordered[key] = messages;
  }
  for (const [key, messages] of Object.entries(errors)) {
    if (!(key in ordered)) ordered[key] = messages;
  }
  return ordered;
}
