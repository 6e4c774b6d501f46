// Results of a thread: output (preview, full view, download), save bundle, yields, artifacts.
import { useId } from "react";
import { useResultSummary } from "../../hooks/useResultSummary";
import { ErrorMessage } from "../common/ErrorMessage";
import { ArtifactsSection } from "./ArtifactsSection";
import { OutputSection } from "./OutputSection";
import { SaveBundle } from "./SaveBundle";
import { YieldsSection } from "./YieldsSection";

export function ResultsPanel({ threadId, terminal }: { threadId: string; terminal: boolean }) {
  const q = useResultSummary(threadId, terminal);
  const id = useId();
  return (
    <section className="results card" aria-labelledby={id}>
      <h2 id={id}>Results</h2>
      {q.isPending ? <p className="muted">Loading results…</p> : null}
      {q.isError ? <ErrorMessage error={q.error} title="Could not load the result" /> : null}
      {q.data !== undefined ? (
        <>
          <h3>Output</h3>
          {terminal ? <OutputSection threadId={threadId} result={q.data} /> : <p className="muted">The output is available when the thread ends.</p>}
          {terminal ? (
            <>
              <h3>Save</h3>
              <SaveBundle threadId={threadId} />
            </>
          ) : null}
          <h3>Yielded values</h3>
          <YieldsSection result={q.data} />
        </>
      ) : null}
      <ArtifactsSection threadId={threadId} />
    </section>
  );
}
