// A step's input or output: the display preview (truncated by the service at 64 KiB), "showing X
// of Y" and "Load full" when truncated, the JSON viewer, copy and download.
import { useMemo, useState } from "react";
import type { StepDetail } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { useScriptumClient } from "../../api/client";
import { blobDownloadSink, openFileSink, safeFileName, SaveCancelled } from "../../api/results/byteSink";
import { streamStepPayload, type PayloadField } from "../../api/steps/stepStream";
import { useStepPayload } from "../../hooks/useStepPayload";
import { CopyButton } from "../common/CopyButton";
import { ErrorMessage } from "../common/ErrorMessage";
import { LazyJsonViewer } from "../json/LazyJsonViewer";
import { decodeText, formatBytes } from "../json/parsePayload";

export interface StepPayloadViewProps {
  threadId: string;
  detail: StepDetail;
  field: PayloadField;
}

export function StepPayloadView({ threadId, detail, field }: StepPayloadViewProps) {
  const client = useScriptumClient();
  const preview = field === "output" ? detail.outputData : detail.inputData;
  const truncated = field === "output" ? detail.outputTruncated : detail.inputTruncated;
  const total = Number(field === "output" ? detail.outputTotalBytes : detail.inputTotalBytes) || preview.length;
  const { state, load } = useStepPayload(threadId, detail.stepPath, field);
  const full = state.kind === "done" && !state.payload.unavailable ? state.payload : null;
  const bytes = full !== null ? full.data : preview;
  const text = useMemo(() => decodeText(bytes), [bytes]);
  const [download, setDownload] = useState<string | null>(null);
  const fileName = safeFileName(`${threadId}-step-${detail.stepPath}-${field}.json`);

  const downloadFull = async () => {
    try {
      if (!truncated || full !== null) {
        const sink = blobDownloadSink(fileName, "application/json");
        await sink.write(bytes);
        await sink.close();
        return;
      }
      const sink = await openFileSink(fileName, "application/json", "json");
      setDownload("Downloading…");
      try {
        const r = await streamStepPayload(client, threadId, detail.stepPath, field, {
          onData: (b) => sink.write(b),
          onProgress: (p) => setDownload(`Downloading… ${formatBytes(p.receivedBytes)} of ${formatBytes(p.totalBytes)}`),
        });
        if (r.unavailable) await sink.write(preview);
        await sink.close();
        setDownload(r.unavailable ? `Saved the first ${formatBytes(preview.length)}: the full ${field} is not available.` : r.complete ? "Saved." : "Saved, but the stream ended early: the file is incomplete.");
      } catch (err) {
        await sink.abort();
        throw err;
      }
    } catch (err) {
      setDownload(err instanceof SaveCancelled ? null : `Download failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <div className="payload">
      <div className="payload__bar">
        <span className="muted">
          {formatBytes(total)}
          {truncated && full === null ? ` · showing ${formatBytes(preview.length)} of ${formatBytes(total)}` : ""}
        </span>
        <CopyButton value={text} label={`Copy ${field}`} />
        <button type="button" className="btn btn--ghost btn--small" onClick={() => void downloadFull()}>
          Download {field}
        </button>
        {download !== null ? <span className="muted" role="status">{download}</span> : null}
      </div>
      {truncated && full === null ? (
        <div className="notice notice--warning" role="note">
          <p>
            Truncated by the service: showing {formatBytes(preview.length)} of {formatBytes(total)}.
            {field === "input" ? " The service only chunks step outputs today, so the full input may not be available." : ""}
          </p>
          {state.kind === "idle" || state.kind === "error" ? (
            <button type="button" className="btn btn--small" onClick={load}>
              Load full {field}
            </button>
          ) : null}
          {state.kind === "loading" ? (
            <p role="status">
              <progress max={state.totalBytes || total} value={state.receivedBytes} aria-label={`Loading full ${field}`} /> {formatBytes(state.receivedBytes)} of {formatBytes(state.totalBytes || total)}
            </p>
          ) : null}
          {state.kind === "done" && state.payload.unavailable ? (
            <p>The service did not send the full {field} (it chunks only step outputs today). The preview above is all there is.</p>
          ) : null}
          {state.kind === "error" ? <ErrorMessage error={state.error} title={`Could not load the full ${field}`} /> : null}
        </div>
      ) : null}
      {full !== null && !full.complete ? (
        <p className="notice notice--warning" role="note">
          The stream ended before its last chunk: showing the {formatBytes(full.data.length)} received of {formatBytes(full.totalBytes)}.
        </p>
      ) : null}
      <LazyJsonViewer text={text} label={`Step ${detail.stepPath} ${field}`} />
    </div>
  );
}
