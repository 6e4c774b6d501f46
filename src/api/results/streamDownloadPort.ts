// The page's side of a streamed download (public/download-sw.js answers the download URL with a
// ReadableStream fed from this MessagePort). Memory stays bounded: bytes are copied into chunks of
// `chunkBytes`, and a chunk is posted (its ArrayBuffer transferred, so the page keeps no copy) only
// against a credit: the worker grants one per "pull" of its stream, and its stream pulls only while
// its small queue has room. So the page holds at most one chunk being filled, and at most
// `credits granted - chunks sent` (one, with the worker's pull-driven protocol) are in flight.
import { SaveCancelled, type ByteSink } from "./byteSinkTypes";

export interface PortLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

/** Worker → page: "registered", "started", "pull", "closed", "cancelled" (the user cancelled the
 *  download), "error". Page → worker: "chunk" { buffer }, "end", "abort". */
export type WorkerMessage = { type: "registered" | "started" | "pull" | "closed" | "cancelled" } | { type: "error"; message: string };

export const STREAM_CHUNK_BYTES = 512 * 1024;

export interface PortSink extends ByteSink {
  /** The worker stored the download: its URL may be opened now. */
  readonly registered: Promise<void>;
  /** The browser asked for the download URL: the stream exists. */
  readonly started: Promise<void>;
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve = (): void => undefined;
  let reject = (_e: Error): void => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export function portSink(port: PortLike, options: { chunkBytes?: number; onFinish?: () => void } = {}): PortSink {
  const chunkBytes = options.chunkBytes ?? STREAM_CHUNK_BYTES;
  const registered = deferred();
  const started = deferred();
  const closed = deferred();
  let credits = 0;
  let creditWaiter: ReturnType<typeof deferred> | null = null;
  let failure: Error | null = null;
  let finished = false;
  let staging: Uint8Array | null = null;
  let fill = 0;

  const finish = (): void => {
    if (finished) return;
    finished = true;
    staging = null;
    port.onmessage = null;
    port.close();
    options.onFinish?.();
  };
  const fail = (err: Error): void => {
    if (failure === null) failure = err;
    for (const d of [registered, started, closed]) d.reject(err);
    creditWaiter?.reject(err);
    creditWaiter = null;
    finish();
  };
  port.onmessage = (event: MessageEvent) => {
    const m = event.data as WorkerMessage;
    switch (m.type) {
      case "registered":
        return registered.resolve();
      case "started":
        return started.resolve();
      case "pull":
        credits += 1;
        creditWaiter?.resolve();
        creditWaiter = null;
        return;
      case "closed":
        closed.resolve();
        return finish();
      case "cancelled":
        return fail(new SaveCancelled());
      case "error":
        return fail(new Error(`The download failed: ${m.message}`));
    }
  };

  async function send(chunk: Uint8Array): Promise<void> {
    while (credits === 0) {
      if (failure !== null) throw failure;
      creditWaiter ??= deferred();
      await creditWaiter.promise;
    }
    if (failure !== null) throw failure;
    credits -= 1;
    const buffer = chunk.buffer as ArrayBuffer;
    port.postMessage({ type: "chunk", buffer }, [buffer]);
  }

  // Writes run one after another even if a caller does not wait.
  let queue: Promise<void> = Promise.resolve();
  const serial = (op: () => Promise<void>): Promise<void> => {
    const next = queue.then(op);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    kind: "stream",
    registered: registered.promise,
    started: started.promise,
    write: (bytes) =>
      serial(async () => {
        let at = 0;
        while (at < bytes.length) {
          if (failure !== null) throw failure;
          if (finished) throw new Error("The download is closed");
          staging ??= new Uint8Array(chunkBytes);
          const n = Math.min(chunkBytes - fill, bytes.length - at);
          staging.set(bytes.subarray(at, at + n), fill);
          fill += n;
          at += n;
          if (fill === chunkBytes) {
            const full = staging;
            staging = null;
            fill = 0;
            await send(full);
          }
        }
      }),
    close: () =>
      serial(async () => {
        if (failure !== null) throw failure;
        if (staging !== null && fill > 0) await send(staging.slice(0, fill));
        staging = null;
        fill = 0;
        port.postMessage({ type: "end" });
        await closed.promise;
      }),
    abort: async () => {
      if (!finished) port.postMessage({ type: "abort" });
      fail(new SaveCancelled());
    },
  };
}

/** Content-Disposition for a download: a quoted ASCII fallback of safe characters only, and the
 *  exact name as RFC 5987 filename* (percent-encoded UTF-8), so no name can add a header. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_").slice(0, 180) || "download";
  let encoded: string;
  try {
    encoded = encodeURIComponent(fileName.slice(0, 180)).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    encoded = ascii; // a lone surrogate: the safe name is the name
  }
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
