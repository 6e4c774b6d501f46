// DOM ids of the /new form's fields, so that error links can move focus to them.
import { fieldDomId } from "../ask-form/formPaths";
import type { TopField } from "./newThreadErrors";

export const NEW_THREAD_FORM_ID = "new-thread";
/** The typed input form's fields get fieldDomId(INPUT_FORM_ID, pathKey). */
export const INPUT_FORM_ID = "new-thread-input";
export const JSON_EDITOR_ID = "new-thread-input-json";

export const TOP_FIELD_IDS: Record<TopField, string> = {
  script: "new-thread-script",
  version: "new-thread-version",
  metadata: "new-thread-metadata",
  timeout: "new-thread-timeout",
  callbackUrl: "new-thread-callback-url",
};

export function inputFieldId(key: string, jsonMode: boolean): string {
  return jsonMode || key === "" ? JSON_EDITOR_ID : fieldDomId(INPUT_FORM_ID, key);
}
