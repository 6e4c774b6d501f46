// Metadata as key/value rows → the CreateThreadRequest map. Blank rows are ignored; a value without
// a key and a repeated key are refused (the map would silently drop one). Pure.
import type { MetadataRow } from "./newThreadDraft";

export type MetadataResult = { ok: true; metadata: Record<string, string> } | { ok: false; problems: string[] };

export function metadataFromRows(rows: readonly MetadataRow[]): MetadataResult {
  const metadata: Record<string, string> = {};
  const problems: string[] = [];
  rows.forEach((row, index) => {
    const key = row.key.trim();
    if (key === "" && row.value === "") return;
    if (key === "") {
      problems.push(`Row ${index + 1}: the value "${row.value}" has no key.`);
      return;
    }
    if (Object.hasOwn(metadata, key)) {
      problems.push(`Row ${index + 1}: the key "${key}" is already used above.`);
      return;
    }
    metadata[key] = row.value;
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, metadata };
}
