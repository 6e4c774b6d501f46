// Metadata labels (key=value) as text chips. Keys and values come from users: text only.
import { sortedMetadata } from "./metadataSummary";

export function MetadataLabels({ metadata, max }: { metadata: Record<string, string>; max?: number }) {
  const entries = sortedMetadata(metadata);
  const shown = max === undefined ? entries : entries.slice(0, max);
  return (
    <ul className="metadata-labels" aria-label="Metadata">
      {shown.map(([key, value]) => (
        <li key={key} className="metadata-label" title={`${key}=${value}`}>
          <span className="metadata-label__key">{key}</span>=<span className="metadata-label__value">{value}</span>
        </li>
      ))}
      {shown.length < entries.length ? <li className="muted">+{entries.length - shown.length}</li> : null}
    </ul>
  );
}
