// Loading the input from a JSON file (the CLI's `--input @file`). A file that is too large or not
// JSON is refused with a message that names it; the draft is left as it was. Pure.
import { jsonErrorText } from "../ask-form/buildAnswer";

/** The console keeps the whole input in memory and in sessionStorage: keep it reasonable. */
export const MAX_INPUT_FILE_BYTES = 5 * 1024 * 1024;

export type LoadedJsonFile = { ok: true; text: string; value: unknown } | { ok: false; message: string };

export function checkFileSize(name: string, size: number): string | null {
  if (size > MAX_INPUT_FILE_BYTES) {
    return `${name} is ${formatMb(size)}; the console loads input files up to ${formatMb(MAX_INPUT_FILE_BYTES)}.`;
  }
  return null;
}

export function parseJsonFile(name: string, text: string): LoadedJsonFile {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") return { ok: false, message: `${name} is empty; nothing was loaded.` };
  try {
    return { ok: true, text: body, value: JSON.parse(body) as unknown };
  } catch (error) {
    return { ok: false, message: `${name} is not valid JSON (${jsonErrorText(error)}); nothing was loaded.` };
  }
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
