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

export function summarizeMetadata(metadata: Readonly<Record<string, string>>, max: number): MetadataSummary {
  const entries = Object.entries(metadata).sort(([a], [b]) => a.localeCompare(b));
  const labels = entries.map(([key, value]) => `${key}=${value}`);
  const shown = labels.slice(0, Math.max(0, max)).map((label) => cut(label, partLimit));
  const rest = labels.length - shown.length;
  const text = rest > 0 ? [...shown, `+${rest}`].join(" · ") : shown.join(" · ");
  return { text, title: cut(labels.join("\n"), titleLimit) };
}
