// Streamed downloads where the File System Access API is missing (Firefox, Safari): a service
// worker scoped to /__download/ only (public/download-sw.js; it sees no other request of the app)
// answers one unique URL with a stream fed through a MessageChannel (streamDownloadPort.ts), and a
// hidden same-origin iframe opens that URL, so the browser's download manager writes the file as
// the bytes come. Returns null where no worker can be had (private windows, no service workers):
// the caller falls back to a Blob.
import type { ByteSink } from "./byteSinkTypes";
import { contentDisposition, portSink, type PortSink } from "./streamDownloadPort";

export const DOWNLOAD_WORKER_URL = "/download-sw.js";
export const DOWNLOAD_SCOPE = "/__download/";
const WORKER_TIMEOUT_MS = 10_000;
const START_TIMEOUT_MS = 20_000;
const KEEPALIVE_MS = 10_000;
/** After the stream closed, the browser may still be reading its last chunks: the iframe stays a while. */
const IFRAME_LINGER_MS = 30_000;

export function canStreamDownload(): boolean {
  return typeof navigator !== "undefined" && "serviceWorker" in navigator && typeof window !== "undefined" && window.isSecureContext;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function activated(worker: ServiceWorker): Promise<ServiceWorker> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (worker.state === "activated") resolve(worker);
      else if (worker.state === "redundant") reject(new Error("the download worker became redundant"));
      else return;
      worker.removeEventListener("statechange", check);
    };
    worker.addEventListener("statechange", check);
    check();
  });
}

let workerPromise: Promise<ServiceWorker | null> | null = null;

/** The active download worker (registered once per page), or null. */
export function downloadWorker(): Promise<ServiceWorker | null> {
  if (!canStreamDownload()) return Promise.resolve(null);
  workerPromise ??= (async () => {
    const reg = await navigator.serviceWorker.register(DOWNLOAD_WORKER_URL, { scope: DOWNLOAD_SCOPE, updateViaCache: "none" });
    const worker = reg.active ?? reg.waiting ?? reg.installing;
    return worker === null ? null : await within(activated(worker), WORKER_TIMEOUT_MS, "the download worker");
  })().catch(() => {
    workerPromise = null; // try again next time
    return null;
  });
  return workerPromise;
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The URL the iframe opens: the random id, then a safe form of the name (never the raw name). */
export function downloadUrl(id: string, fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_") || "download";
  return `${DOWNLOAD_SCOPE}${id}/${safe}`;
}

/** A sink streamed to the browser's downloads, or null when streaming is not available here. */
export async function openStreamSink(fileName: string, mimeType: string): Promise<ByteSink | null> {
  const worker = await downloadWorker();
  if (worker === null) return null;
  const id = randomId();
  const channel = new MessageChannel();
  let iframe: HTMLIFrameElement | null = null;
  // Messages to the worker keep it alive while the download runs.
  const keepalive = setInterval(() => worker.postMessage({ type: "keepalive" }), KEEPALIVE_MS);
  let closedCleanly = false;
  const onPageHide = (): void => void sink.abort();
  const sink: PortSink = portSink(channel.port1, {
    onFinish: () => {
      clearInterval(keepalive);
      window.removeEventListener("pagehide", onPageHide);
      const frame = iframe;
      iframe = null;
      if (frame !== null) setTimeout(() => frame.remove(), closedCleanly ? IFRAME_LINGER_MS : 0);
    },
  });
  const close = sink.close;
  const streamSink: ByteSink = {
    kind: "stream",
    write: (b) => sink.write(b),
    close: async () => {
      closedCleanly = true;
      await close();
    },
    abort: () => sink.abort(),
  };
  window.addEventListener("pagehide", onPageHide);
  const contentType = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/.test(mimeType) ? mimeType : "application/octet-stream";
  worker.postMessage({ type: "register", id, contentType, disposition: contentDisposition(fileName) }, [channel.port2]);
  try {
    await within(sink.registered, WORKER_TIMEOUT_MS, "registering the download");
    iframe = document.createElement("iframe");
    iframe.hidden = true;
    iframe.title = "download";
    iframe.src = downloadUrl(id, fileName);
    document.body.appendChild(iframe);
    await within(sink.started, START_TIMEOUT_MS, "starting the download");
  } catch {
    await sink.abort();
    return null;
  }
  return streamSink;
}
