// "Rerun": a draft pre-filled from an existing thread — its script, version, input and metadata.
// The run options (load_env, timeout, callback_url) are not part of a Thread, so they start empty.
// Pure.
import type { Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { prettyJson } from "./inputConversion";
import { emptyDraft, metadataRows, type NewThreadDraft } from "./newThreadDraft";

export function rerunDraft(thread: Thread): NewThreadDraft {
  return {
    ...emptyDraft(),
    scriptName: thread.scriptName,
    version: thread.version,
    input: { mode: "pending", text: readableJson(thread.inputJson), prefer: "fields" },
    metadata: metadataRows(thread.metadata),
    rerunOf: thread.threadId,
  };
}

/** Pretty-printed when it is JSON; as it is otherwise (shown in the JSON editor, nothing lost). */
function readableJson(text: string): string {
  if (text.trim() === "") return "{}";
  try {
    return prettyJson(JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}
