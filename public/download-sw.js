// Streamed downloads (src/api/results/streamDownload.ts). Registered with scope /__download/, so
// the only requests it ever sees are its own download URLs; anything else passes untouched.
// The page registers a download (an id, its headers and a MessagePort); the browser then opens
// /__download/<id>/<name> and gets a stream that pulls chunks from the page one at a time: a
// "pull" goes to the page only when the stream's small queue has room, so memory stays bounded.
"use strict";
/* global self, URL, Response, ReadableStream, CountQueuingStrategy, setTimeout, clearTimeout, setInterval, clearInterval */

const PREFIX = "/__download/";
const QUEUE_CHUNKS = 4;
const UNCLAIMED_MS = 60000;
const CLIENT_CHECK_MS = 5000;
const ID = /^[0-9a-f]{32}$/;
const HEADER_VALUE = /^[\x20-\x7e]{1,1000}$/;

/** id -> { port, contentType, disposition, clientId, timer } until the browser asks for it. */
const pending = new Map();

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("message", (event) => {
  const data = event.data;
  if (data === null || typeof data !== "object" || data.type !== "register") return; // keepalive
  const port = event.ports[0];
  if (port === undefined) return;
  const { id, contentType, disposition } = data;
  if (typeof id !== "string" || !ID.test(id) || pending.has(id) || typeof contentType !== "string" || !HEADER_VALUE.test(contentType) || typeof disposition !== "string" || !HEADER_VALUE.test(disposition)) {
    port.postMessage({ type: "error", message: "invalid download" });
    port.close();
    return;
  }
  const timer = setTimeout(() => {
    if (pending.get(id)?.port !== port) return;
    pending.delete(id);
    port.postMessage({ type: "error", message: "the download never started" });
    port.close();
  }, UNCLAIMED_MS);
  const clientId = event.source && typeof event.source.id === "string" ? event.source.id : null;
  pending.set(id, { port, contentType, disposition, clientId, timer });
  port.postMessage({ type: "registered" });
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(PREFIX)) return;
  const id = url.pathname.slice(PREFIX.length).split("/")[0];
  const entry = event.request.method === "GET" ? pending.get(id) : undefined;
  if (entry === undefined) {
    event.respondWith(new Response("This download is no longer available.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } }));
    return;
  }
  pending.delete(id);
  clearTimeout(entry.timer);
  event.respondWith(
    new Response(bodyStream(entry), {
      headers: {
        "Content-Type": entry.contentType,
        "Content-Disposition": entry.disposition,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'",
        "Cache-Control": "no-store",
      },
    }),
  );
});

function bodyStream(entry) {
  const { port, clientId } = entry;
  let waiting = null;
  let finished = false;
  let watch = 0;
  const release = () => {
    const resolve = waiting;
    waiting = null;
    if (resolve !== null) resolve();
  };
  const finish = () => {
    finished = true;
    clearInterval(watch);
    release();
    port.onmessage = null;
    port.close();
  };
  return new ReadableStream(
    {
      start(controller) {
        port.onmessage = (event) => {
          const m = event.data;
          if (finished || m === null || typeof m !== "object") return;
          if (m.type === "chunk" && m.buffer instanceof ArrayBuffer) {
            controller.enqueue(new Uint8Array(m.buffer));
            release();
          } else if (m.type === "end") {
            controller.close();
            port.postMessage({ type: "closed" });
            finish();
          } else if (m.type === "abort") {
            controller.error(new Error("the download was aborted"));
            finish();
          }
        };
        if (clientId !== null) {
          // The page went away without saying so: end the download with an error.
          watch = setInterval(() => {
            self.clients.get(clientId).then((client) => {
              if (client === undefined && !finished) {
                controller.error(new Error("the page closed"));
                finish();
              }
            });
          }, CLIENT_CHECK_MS);
        }
        port.postMessage({ type: "started" });
      },
      pull() {
        if (finished) return undefined;
        return new Promise((resolve) => {
          waiting = resolve;
          port.postMessage({ type: "pull" });
        });
      },
      cancel() {
        if (finished) return;
        port.postMessage({ type: "cancelled" });
        finish();
      },
    },
    new CountQueuingStrategy({ highWaterMark: QUEUE_CHUNKS }),
  );
}
