// ListArtifacts: UNIMPLEMENTED today, said plainly (a state of the deployment, not an error).
// Asked for when the section is opened, so a thread page makes no call that is bound to fail.
import { useState } from "react";
import { safeHttpUrl } from "../../api/results/artifacts";
import { useResultArtifacts } from "../../hooks/useResultSummary";
import { ErrorMessage } from "../common/ErrorMessage";
import { formatBytes } from "../json/parsePayload";

export function ArtifactsSection({ threadId }: { threadId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="artifacts-section" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Artifacts</summary>
      {open ? <ArtifactsList threadId={threadId} /> : null}
    </details>
  );
}

function ArtifactsList({ threadId }: { threadId: string }) {
  const q = useResultArtifacts(threadId);
  if (q.isPending) return <p className="muted">Loading artifacts…</p>;
  if (q.isError) return <ErrorMessage error={q.error} title="Could not list artifacts" />;
  if (q.data.kind === "unimplemented") return <p className="muted">This deployment does not list artifacts yet.</p>;
  if (q.data.artifacts.length === 0) return <p className="muted">No artifacts.</p>;
  return (
    <ul className="artifacts">
      {q.data.artifacts.map((a) => {
        const url = safeHttpUrl(a.downloadUrl);
        return (
          <li key={a.name}>
            {url !== null ? (
              <a href={url} rel="noopener noreferrer" target="_blank">
                {a.name}
              </a>
            ) : (
              <span>{a.name}</span>
            )}{" "}
            <span className="muted">
              {formatBytes(Number(a.sizeBytes))}
              {a.contentType !== "" ? ` · ${a.contentType}` : ""}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
