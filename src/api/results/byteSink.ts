// Where a download goes. With the File System Access API, straight into the file the user picked
// (memory stays bounded whatever the size). Without it, streamed to the browser's downloads through
// a service worker (streamDownload.ts; bounded too). Where no service worker can run (private
// windows), the last resort: the bytes are gathered into a Blob made of parts (browsers keep large
// blobs on disk, but the page should warn above a few hundred MB) and handed to the download.
import { SaveCancelled, type ByteSink } from "./byteSinkTypes";
import { canStreamDownload, openStreamSink } from "./streamDownload";

export { SaveCancelled, type ByteSink };

/** Above this, the Blob fallback warns that the browser may hold the file in memory. */
export const BLOB_WARNING_BYTES = 256 * 1024 * 1024;

interface WritableLike {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}
interface FileHandleLike {
  createWritable(): Promise<WritableLike>;
}
interface SaveFilePickerWindow {
  showSaveFilePicker?: (options: {
    suggestedName?: string;
    types?: { description: string; accept: Record<string, string[]> }[];
  }) => Promise<FileHandleLike>;
}

export function canPickSaveFile(): boolean {
  return typeof window !== "undefined" && typeof (window as SaveFilePickerWindow).showSaveFilePicker === "function";
}

/** Whether a download here may have to be gathered in memory (neither a file picker nor streaming). */
export function mayGatherInMemory(): boolean {
  return !canPickSaveFile() && !canStreamDownload();
}

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}

/**
 * A sink for one file: the save picker when there is one, else a streamed download, else a Blob.
 * Throws SaveCancelled when the user closes the picker.
 */
export async function openFileSink(suggestedName: string, mimeType: string, extension: string): Promise<ByteSink> {
  const w = window as SaveFilePickerWindow;
  if (w.showSaveFilePicker !== undefined) {
    let handle: FileHandleLike;
    try {
      handle = await w.showSaveFilePicker({
        suggestedName,
        types: [{ description: extension.toUpperCase(), accept: { [mimeType]: [`.${extension}`] } }],
      });
    } catch (err) {
      if (isAbort(err)) throw new SaveCancelled();
      throw err;
    }
    return writableSink(await handle.createWritable());
  }
  return (await openStreamSink(suggestedName, mimeType)) ?? blobDownloadSink(suggestedName, mimeType);
}

export function writableSink(writable: WritableLike): ByteSink {
  return {
    kind: "file",
    write: (bytes) => writable.write(bytes),
    close: () => writable.close(),
    abort: () => writable.abort().catch(() => undefined),
  };
}

const PART_BYTES = 8 * 1024 * 1024;

/** Gathers bytes into a Blob of parts, then starts the browser's download of it. */
export function blobDownloadSink(fileName: string, mimeType: string): ByteSink {
  const blobs: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pending.length === 0) return;
    blobs.push(new Blob(pending as BlobPart[]));
    pending = [];
    pendingBytes = 0;
  };
  return {
    kind: "blob",
    write: async (bytes) => {
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= PART_BYTES) flush();
    },
    close: async () => {
      flush();
      triggerDownload(new Blob(blobs, { type: mimeType }), fileName);
    },
    abort: async () => {
      pending = [];
      blobs.length = 0;
    },
  };
}

export function triggerDownload(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name made from untrusted text: letters, digits, ".", "_" and "-" only, never "..". */
/** The longest name safeFileName gives (longer ones are cut). */
export const SAFE_NAME_MAX = 180;

export function safeFileName(raw: string, fallback = "file"): string {
  const cleaned = raw.replace(/[^A-Za-z0-9._-]/g, "_").replace(/\.{2,}/g, "_").replace(/^[.-]+/, "_");
  return cleaned === "" ? fallback : cleaned.slice(0, SAFE_NAME_MAX);
}
