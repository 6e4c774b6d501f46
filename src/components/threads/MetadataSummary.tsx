// A history row's metadata: one line of text with every label in its tooltip. Text only.
import { summarizeMetadata } from "./metadataSummary";

export function MetadataSummary({ metadata, max }: { metadata: Readonly<Record<string, string>>; max: number }) {
  const { text, title } = summarizeMetadata(metadata, max);
  if (text === "") return null;
  return (
    <span className="metadata-summary" title={title}>
      {text}
    </span>
  );
}
