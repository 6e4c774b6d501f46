// The metadata of a history row as one line of text: the first labels by key, then "+N". One text
// run paints far cheaper than a chip per label while the history scrolls (bench/FINDINGS.md).
// Keys and values come from users; each is cut so a huge value never becomes a huge text node.

const partLimit = 64;
const titleLimit = 2_000;

export interface MetadataSummary {
  /** What the row shows, e.g. "env=prod · team=billing · +2"; "" when there is no metadata. */
  text: string;
  /** Every label, one per line, for the tooltip. */
  title: string;
}

function cut(s: string, limit: number): string {
  return s.length <= limit ? s : `${s.slice(0, limit - 1)}…`;
}

/** Metadata entries in the order every view shows them: by key. */
export function sortedMetadata(metadata: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(metadata).sort(([a], [b]) => a.localeCompare(b));
}

export function summarizeMetadata(metadata: Readonly<Record<string, string>>, max: number): MetadataSummary {
  const labels = sortedMetadata(metadata).map(([key, value]) => `${key}=${value}`);
  const shown = labels.slice(0, Math.max(0, max)).map((label) => cut(label, partLimit));
  const rest = labels.length - shown.length;
  const text = rest > 0 ? [...shown, `+${rest}`].join(" · ") : shown.join(" · ");
  // Each label cut first, so a huge value is not copied whole into the joined string.
  return { text, title: cut(labels.map((label) => cut(label, titleLimit)).join("\n"), titleLimit) };
}
