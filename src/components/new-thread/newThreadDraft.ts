// What a person has entered on /new: the twin of `thread create` — script, version, input, load_env,
// metadata, timeout, callback_url. Plain data (it is kept in sessionStorage); pure helpers only.
import type { FormState } from "../ask-form/formState";

/**
 * The input, in one of three states:
 * - fields: the typed form generated from the script's contract. `extras` holds keys of the input
 *   that the contract does not name (from a file, a rerun or the JSON editor): sent along, never lost.
 * - json: the raw JSON editor.
 * - pending: JSON text waiting for the script's contract to load, then shown in the form it fits
 *   (`prefer`). A restored typed form carries its exact state (text such as "12a" included).
 */
export type InputDraft =
  | { mode: "fields"; state: FormState; extras: Record<string, unknown> }
  | { mode: "json"; text: string }
  | { mode: "pending"; text: string; prefer: "fields" | "json"; state?: unknown; extras?: Record<string, unknown> };

export type MetadataRow = { id: string; key: string; value: string };

export interface NewThreadDraft {
  scriptName: string;
  /** 0 = the script's active version. */
  version: number;
  input: InputDraft;
  loadEnv: boolean;
  metadata: MetadataRow[];
  /** Such as "5m"; accepted by the service, not enforced today. */
  timeout: string;
  /** Accepted by the service, not enforced today. */
  callbackUrl: string;
  /** The thread this draft was pre-filled from (?rerun=), so a reload keeps the edits. */
  rerunOf: string | null;
}

export const EMPTY_INPUT_TEXT = "{}";

export function emptyDraft(): NewThreadDraft {
  return {
    scriptName: "",
    version: 0,
    input: { mode: "pending", text: EMPTY_INPUT_TEXT, prefer: "fields" },
    loadEnv: false,
    metadata: [],
    timeout: "",
    callbackUrl: "",
    rerunOf: null,
  };
}

let nextId = 0;
/** Stable ids for metadata rows (React keys, DOM ids). */
export function newMetadataRowId(): string {
  nextId += 1;
  return `meta-${Date.now().toString(36)}-${nextId}`;
}

export function metadataRows(metadata: Readonly<Record<string, string>>): MetadataRow[] {
  return Object.entries(metadata).map(([key, value]) => ({ id: newMetadataRowId(), key, value }));
}
