// The thread's output: size, a preview (GetThreadResult, capped near 4 MiB), and when truncated
// the full output through StreamThreadResult, either into a bounded, searchable viewer or
// straight to disk.
import { useMemo } from "react";
import type { GetThreadResultResponse } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { BLOB_WARNING_BYTES, mayGatherInMemory } from "../../api/results/byteSink";
import { useFullOutputView, useOutputDownload, VIEW_CAP_BYTES } from "../../hooks/useResultTransfer";
import { CopyButton } from "../common/CopyButton";
import { LazyJsonViewer } from "../json/LazyJsonViewer";
import { decodeText, formatBytes } from "../json/parsePayload";
import { TextLinesView } from "../json/TextLinesView";
import { TransferStatus } from "./TransferStatus";

export function OutputSection({ threadId, result }: { threadId: string; result: GetThreadResultResponse }) {
  const total = Number(result.outputTotalBytes);
  const preview = result.outputData;
  const text = useMemo(() => decodeText(preview), [preview]);
  const previewParts = useMemo(() => [text], [text]);
  const dl = useOutputDownload(threadId);
  const full = useFullOutputView(threadId);
  const blobOnly = mayGatherInMemory();
  if (total === 0 && preview.length === 0) return <p className="muted">This thread has no output.</p>;
  return (
    <div className="output">
      <div className="output__bar">
        <span>
          Output: <strong>{formatBytes(total)}</strong> <span className="muted">({total.toLocaleString("en-US")} bytes)</span>
        </span>
        <button type="button" className="btn btn--small btn--primary" onClick={() => dl.download(total)} disabled={dl.state.kind === "running"}>
          Download full output
        </button>
        {!result.outputTruncated ? <CopyButton value={text} label="Copy output" /> : null}
      </div>
      {blobOnly && total > BLOB_WARNING_BYTES ? (
        <p className="notice notice--warning" role="note">
          This browser cannot write straight to a file: the download is gathered in the browser first ({formatBytes(total)}). Use a Chromium-based browser for
          outputs this big.
        </p>
      ) : null}
      <TransferStatus
        state={dl.state}
        label="Downloading the output"
        onCancel={dl.cancel}
        describe={(r) =>
          r.complete
            ? `Downloaded ${formatBytes(r.writtenBytes)}${r.target === "blob" ? " (handed to the browser's downloads)" : r.target === "stream" ? " (streamed to the browser's downloads)" : ""}.`
            : `The stream ended early: ${formatBytes(r.writtenBytes)} of ${formatBytes(r.totalBytes)} written; chunks ${r.missing.join(", ")} never came.`
        }
      />
      {result.outputTruncated ? (
        <div className="notice notice--warning" role="note" data-testid="output-truncated">
          <p>
            Output truncated: showing {formatBytes(preview.length)} of {formatBytes(total)}. The full output is streamed on demand.
          </p>
          {full.state.kind === "idle" || full.state.kind === "error" ? (
            <button type="button" className="btn btn--small" onClick={full.view}>
              View full output
            </button>
          ) : null}
          <TransferStatus state={full.state} label="Loading the full output" describe={() => ""} />
        </div>
      ) : null}
      {full.state.kind === "done" ? (
        <>
          {full.state.result.shownBytes < full.state.result.totalBytes ? (
            <p className="muted">
              Showing the first {formatBytes(full.state.result.shownBytes)} of {formatBytes(full.state.result.totalBytes)} (the viewer keeps at most{" "}
              {formatBytes(VIEW_CAP_BYTES)}); download it for the rest.
            </p>
          ) : null}
          <TextLinesView parts={full.state.result.parts} label="Full output" />
        </>
      ) : result.outputTruncated ? (
        <TextLinesView parts={previewParts} label="Output preview" />
      ) : (
        <LazyJsonViewer text={text} label="Output" />
      )}
    </div>
  );
}
