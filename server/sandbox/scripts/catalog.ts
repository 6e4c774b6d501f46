// The demo scripts the sandbox knows, and parsing a thread's input against a script's contract.
import { applyDefaults, isPlainObject, parseJson, validateObject, type Violation } from "../validate.js";
import { bigExport } from "./bigExport.js";
import { fanout } from "./fanout.js";
import { flakyReport } from "./flakyReport.js";
import { invoiceParser } from "./invoiceParser.js";
import type { ScriptDef } from "./scriptDef.js";
import { ticker } from "./ticker.js";

export const SCRIPTS: readonly ScriptDef[] = [invoiceParser, flakyReport, bigExport, fanout, ticker];

export function findScript(name: string): ScriptDef | undefined {
  return SCRIPTS.find((s) => s.name === name);
}

export type ParsedInput =
  | { ok: true; input: Record<string, unknown> }
  | { ok: false; malformed: string }
  | { ok: false; violations: Violation[] };

/** Parses input_json ("" = {}), checks it against the contract, applies defaults. */
export function parseThreadInput(script: ScriptDef, inputJson: string): ParsedInput {
  const parsed = parseJson(inputJson.trim() === "" ? "{}" : inputJson);
  if (!parsed.ok) return { ok: false, malformed: parsed.error };
  if (!isPlainObject(parsed.value)) {
    return { ok: false, violations: [{ field: "input_json", description: "must be a JSON object" }] };
  }
  const violations = validateObject(parsed.value, script.contract.inputs, script.contract.enums, { rejectUnknown: false });
  if (violations.length > 0) return { ok: false, violations };
  const extra = script.checkInput?.(parsed.value) ?? [];
  if (extra.length > 0) return { ok: false, violations: extra };
  return { ok: true, input: applyDefaults(parsed.value, script.contract.inputs) };
}

/** The input of a stored thread (already validated when it was created). */
export function storedInput(script: ScriptDef, inputJson: string): Record<string, unknown> {
  const parsed = parseJson(inputJson.trim() === "" ? "{}" : inputJson);
  const value = parsed.ok && isPlainObject(parsed.value) ? parsed.value : {};
  return applyDefaults(value, script.contract.inputs);
}
