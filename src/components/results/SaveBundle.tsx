// "Save bundle": output.json, summary.json and steps/ (the CLI's --save layout), into a folder or
// as a streamed .zip.
import { canPickDirectory } from "../../api/results/bundleWriter";
import { useSaveBundle } from "../../hooks/useResultTransfer";
import { TransferStatus } from "./TransferStatus";

export function SaveBundle({ threadId }: { threadId: string }) {
  const b = useSaveBundle(threadId);
  const busy = b.state.kind === "running";
  return (
    <div className="bundle">
      <p className="muted">Everything the CLI's <code>--save</code> writes: output.json, summary.json and a steps/ folder.</p>
      {canPickDirectory() ? (
        <button type="button" className="btn btn--small" disabled={busy} onClick={() => b.save("directory")}>
          Save bundle to a folder…
        </button>
      ) : null}{" "}
      <button type="button" className="btn btn--small" disabled={busy} onClick={() => b.save("zip")}>
        Save bundle as .zip
      </button>
      <TransferStatus
        state={b.state}
        label="Saving the bundle"
        onCancel={b.cancel}
        describe={(r) =>
          `Saved output.json${r.outputComplete ? "" : " (incomplete: the stream ended early)"}, summary.json and ${r.stepsWritten.toLocaleString("en-US")} step files.${
            r.truncatedPayloads > 0 ? ` ${r.truncatedPayloads} step payloads stay truncated (the service chunks only outputs).` : ""
          }`
        }
      />
    </div>
  );
}
