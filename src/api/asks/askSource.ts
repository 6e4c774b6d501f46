// Where an ask's description comes from (contract.md decision 2): StepDetail.ask, or the same
// AskSpec as proto JSON in the step's input_data for a service that lacks the field. Pure.
import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { AskSpecSchema, type AskSpec, type StepDetail } from "../gen/dodil/scriptum/v1/scriptum_pb";

export function askFromStep(step: StepDetail): AskSpec | null {
  if (step.ask !== undefined) return step.ask;
  return askFromInputData(step.inputData);
}

export function askFromInputData(inputData: Uint8Array): AskSpec | null {
  const json = parseJsonBytes(inputData);
  if (json === undefined || typeof json !== "object" || json === null || Array.isArray(json)) return null;
  const candidate = "ask" in json && typeof json.ask === "object" && json.ask !== null ? json.ask : json;
  if (!("fields" in candidate) && !("prompt" in candidate)) return null;
  try {
    return fromJson(AskSpecSchema, candidate as JsonValue, { ignoreUnknownFields: true });
  } catch {
    return null;
  }
}

/** JSON carried in a bytes field; undefined when empty or not valid JSON. */
export function parseJsonBytes(data: Uint8Array): unknown {
  if (data.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(data)) as unknown;
  } catch {
    return undefined;
  }
}
