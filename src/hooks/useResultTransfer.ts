// Long transfers of the results panel, one at a time each: the full output to disk, the full
// output into the bounded viewer, and the bundle. Each reports progress (throttled) and can be
// cancelled.
import { useCallback, useEffect, useRef, useState } from "react";
import { useScriptumClient } from "../api/client";
import { bundleFolderName, saveBundle, type BundleProgress, type BundleReport } from "../api/results/bundle";
import { pickDirectoryWriter, zipWriter } from "../api/results/bundleWriter";
import { openFileSink, safeFileName, SaveCancelled, type ByteSink } from "../api/results/byteSink";
import { streamThreadOutput, type OutputStreamResult } from "../api/results/outputStream";
import { throttleProgress } from "../api/results/progressThrottle";

export type Transfer<TDone> =
  | { kind: "idle" }
  | { kind: "running"; done: number; total: number; note: string }
  | { kind: "done"; result: TDone }
  | { kind: "error"; error: unknown };

function useTransfer<TDone>() {
  const [state, setState] = useState<Transfer<TDone>>({ kind: "idle" });
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);
  const start = useCallback((run: (signal: AbortSignal, progress: (done: number, total: number, note?: string) => void) => Promise<TDone>) => {
    abortRef.current?.abort();
    const abort = new AbortController();
    abortRef.current = abort;
    setState({ kind: "running", done: 0, total: 0, note: "" });
    // Progress is shown at most every 250 ms (and once complete), not on every chunk.
    const progress = throttleProgress((done, total, note = "") => {
      if (!abort.signal.aborted) setState({ kind: "running", done, total, note });
    });
    run(abort.signal, progress).then(
      (result) => !abort.signal.aborted && setState({ kind: "done", result }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setState(error instanceof SaveCancelled ? { kind: "idle" } : { kind: "error", error });
      },
    );
  }, []);
  const cancel = useCallback(() => {
    abortRef.current?.abort();
    setState({ kind: "idle" });
  }, []);
  return { state, start, cancel };
}

export interface DownloadResult extends OutputStreamResult {
  target: ByteSink["kind"];
}

/** The full output straight into a file (or a Blob download where no file picker exists). */
export function useOutputDownload(threadId: string) {
  const client = useScriptumClient();
  const t = useTransfer<DownloadResult>();
  const start = t.start;
  const download = useCallback(
    (knownTotal: number) =>
      start(async (signal, progress) => {
        const sink = await openFileSink(safeFileName(`${threadId}-output.json`), "application/json", "json");
        try {
          const r = await streamThreadOutput(client, threadId, (b) => sink.write(b), {
            signal,
            onProgress: (p) => progress(p.writtenBytes, p.totalBytes || knownTotal),
          });
          await sink.close();
          return { ...r, target: sink.kind };
        } catch (err) {
          await sink.abort();
          throw err;
        }
      }),
    [client, threadId, start],
  );
  return { state: t.state, download, cancel: t.cancel };
}

/** The viewer keeps at most this much of a full output in memory. */
export const VIEW_CAP_BYTES = 64 * 1024 * 1024;

export interface FullView {
  parts: string[];
  shownBytes: number;
  totalBytes: number;
  complete: boolean;
}

/** The full output for viewing: decoded into parts (never one string), capped at VIEW_CAP_BYTES. */
export function useFullOutputView(threadId: string) {
  const client = useScriptumClient();
  const t = useTransfer<FullView>();
  const start = t.start;
  const view = useCallback(
    () =>
      start(async (signal, progress) => {
        const stop = new AbortController();
        signal.addEventListener("abort", () => stop.abort(), { once: true });
        const decoder = new TextDecoder();
        const parts: string[] = [];
        let kept = 0;
        let capped = false;
        let total = 0;
        try {
          const r = await streamThreadOutput(
            client,
            threadId,
            async (b) => {
              const room = VIEW_CAP_BYTES - kept;
              const piece = b.length > room ? b.subarray(0, room) : b;
              if (piece.length > 0) parts.push(decoder.decode(piece, { stream: true }));
              kept += piece.length;
              if (kept >= VIEW_CAP_BYTES) {
                capped = true;
                stop.abort();
              }
            },
            { signal: stop.signal, onProgress: (p) => progress(p.writtenBytes, (total = p.totalBytes)) },
          );
          parts.push(decoder.decode());
          return { parts, shownBytes: kept, totalBytes: r.totalBytes, complete: r.complete };
        } catch (err) {
          if (capped) return { parts, shownBytes: kept, totalBytes: total, complete: false };
          throw err;
        }
      }),
    [client, threadId, start],
  );
  return { state: t.state, view };
}

/** "Save bundle": to a folder the user picks, or as a streamed .zip. */
export function useSaveBundle(threadId: string) {
  const client = useScriptumClient();
  const t = useTransfer<BundleReport>();
  const start = t.start;
  const save = useCallback(
    (target: "directory" | "zip") =>
      start(async (signal, progress) => {
        const folder = bundleFolderName(threadId);
        const writer =
          target === "directory"
            ? await pickDirectoryWriter(folder)
            : zipWriter(await openFileSink(`${folder}.zip`, "application/zip", "zip"));
        const onProgress = (p: BundleProgress) => {
          const note = p.phase === "output" ? "output.json" : p.phase === "steps" ? `steps/ ${p.stepsWritten.toLocaleString("en-US")} of ${p.totalSteps.toLocaleString("en-US")}` : p.phase === "summary" ? "summary.json" : "done";
          progress(p.outputBytes, p.outputTotalBytes, note);
        };
        try {
          return await saveBundle(client, threadId, writer, { signal, onProgress });
        } catch (err) {
          await writer.abort();
          throw err;
        }
      }),
    [client, threadId, start],
  );
  return { state: t.state, save, cancel: t.cancel };
}
