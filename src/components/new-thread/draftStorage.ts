// The /new draft in sessionStorage, so that it survives a refused create, a reload and a trip to
// another page. What comes back is untrusted (another version of the app, a hand edit): every field
// is checked, and anything odd falls back to empty. Storage may be unavailable (private mode,
// quota): then the draft lives only as long as the page.
import { isPlainObject } from "../ask-form/formState";
import { emptyDraft, newMetadataRowId, type InputDraft, type MetadataRow, type NewThreadDraft } from "./newThreadDraft";

export const NEW_THREAD_DRAFT_KEY = "scriptum.newThreadDraft.v1";

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

export function loadNewThreadDraft(): NewThreadDraft | null {
  const store = storage();
  if (store === null) return null;
  let text: string | null;
  try {
    text = store.getItem(NEW_THREAD_DRAFT_KEY);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    return parseStoredDraft(JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

export function saveNewThreadDraft(draft: NewThreadDraft): void {
  try {
    storage()?.setItem(NEW_THREAD_DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Quota or privacy settings: the draft stays in the page only.
  }
}

export function clearNewThreadDraft(): void {
  try {
    storage()?.removeItem(NEW_THREAD_DRAFT_KEY);
  } catch {
    // Nothing to clear.
  }
}

/** A stored value → a draft, or null when it is not one. A typed form comes back pending. */
export function parseStoredDraft(value: unknown): NewThreadDraft | null {
  if (!isPlainObject(value)) return null;
  const empty = emptyDraft();
  return {
    scriptName: typeof value.scriptName === "string" ? value.scriptName : empty.scriptName,
    version:
      typeof value.version === "number" && Number.isInteger(value.version) && value.version >= 0
        ? value.version
        : empty.version,
    input: parseInput(value.input) ?? empty.input,
    loadEnv: value.loadEnv === true,
    metadata: Array.isArray(value.metadata) ? value.metadata.flatMap(parseRow) : [],
    timeout: typeof value.timeout === "string" ? value.timeout : "",
    callbackUrl: typeof value.callbackUrl === "string" ? value.callbackUrl : "",
    rerunOf: typeof value.rerunOf === "string" && value.rerunOf !== "" ? value.rerunOf : null,
  };
}

function parseInput(value: unknown): InputDraft | null {
  if (!isPlainObject(value)) return null;
  const extras = isPlainObject(value.extras) ? value.extras : {};
  switch (value.mode) {
    case "json":
      return typeof value.text === "string" ? { mode: "json", text: value.text } : null;
    case "fields":
      // Fitted to the contract once it has loaded (reconcileFormState drops what no longer fits).
      return { mode: "pending", text: "{}", prefer: "fields", state: value.state, extras };
    case "pending":
      if (typeof value.text !== "string") return null;
      return {
        mode: "pending",
        text: value.text,
        prefer: value.prefer === "json" ? "json" : "fields",
        ...(value.state === undefined ? {} : { state: value.state }),
        extras,
      };
    default:
      return null;
  }
}

function parseRow(value: unknown): MetadataRow[] {
  if (!isPlainObject(value) || typeof value.key !== "string" || typeof value.value !== "string") return [];
  return [{ id: typeof value.id === "string" && value.id !== "" ? value.id : newMetadataRowId(), key: value.key, value: value.value }];
}
