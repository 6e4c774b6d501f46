// A refused CreateThread, placed on the form: NOT_FOUND on the script (or version), INVALID_ARGUMENT
// field violations (google.rpc.BadRequest) on the field they name, a malformed input on the input.
// Anything else is not about a field: `mapped` is false and the page shows the error as it came.
// Pure.
import { Code } from "@connectrpc/connect";
import { describeError } from "../../api/errors";
import { mapFieldViolations, toFieldErrors } from "../ask-form/fieldErrors";
import { parseFieldPath, pathKey } from "../ask-form/fieldPath";
import type { FormModel } from "../ask-form/formModel";
import { collectPaths } from "../ask-form/formPaths";
import type { InputDraft } from "./newThreadDraft";
import type { NewThreadErrors, TopField } from "./newThreadErrors";

export type CreateErrorView = { errors: NewThreadErrors; mapped: boolean };

const TOP_FIELDS: Record<string, TopField> = {
  script_name: "script",
  scriptName: "script",
  version: "version",
  metadata: "metadata",
  timeout: "timeout",
  callback_url: "callbackUrl",
  callbackUrl: "callbackUrl",
};

const INPUT_PREFIXES = new Set(["input_json", "inputJson", "input"]);

export function readCreateError(error: unknown, input: InputDraft, model: FormModel | null): CreateErrorView {
  const { code, message, fieldViolations } = describeError(error);
  const top: Partial<Record<TopField, string[]>> = {};
  const none: CreateErrorView = { errors: { top: {}, input: {} }, mapped: false };
  if (code === Code.NotFound) {
    const field: TopField = /\bversion\b/i.test(message) ? "version" : "script";
    return { errors: { top: { [field]: [message || "Not found."] }, input: {} }, mapped: true };
  }
  if (code !== Code.InvalidArgument) return none;
  if (fieldViolations.length === 0) {
    // input_json that does not parse, or another refusal without a field: about the input when it says so.
    if (/input/i.test(message)) return { errors: { top: {}, input: { "": [message] } }, mapped: true };
    return none;
  }

  const known = input.mode === "fields" && model !== null ? collectPaths(model, input.state) : new Set<string>();
  const inputViolations: { field: string; description: string }[] = [];
  for (const violation of fieldViolations) {
    const path = parseFieldPath(violation.field);
    const first = path[0];
    const description = violation.description.trim() === "" ? "was rejected by the service" : violation.description;
    const topField = typeof first === "string" ? TOP_FIELDS[first] : undefined;
    if (topField !== undefined) {
      const label = path.length > 1 ? `${pathKey(path.slice(1))}: ${description}` : description;
      (top[topField] ??= []).push(label);
      continue;
    }
    const inner = typeof first === "string" && INPUT_PREFIXES.has(first) ? path.slice(1) : path;
    inputViolations.push({ field: pathKey(inner), description });
  }
  const inputErrors =
    inputViolations.length === 0
      ? {}
      : input.mode === "fields"
        ? mapFieldViolations(inputViolations, known)
        : toFieldErrors(
            inputViolations.map((violation) => ({
              path: [],
              message: violation.field === "" ? violation.description : `${violation.field}: ${violation.description}`,
            })),
          );
  return { errors: { top, input: inputErrors }, mapped: true };
}
