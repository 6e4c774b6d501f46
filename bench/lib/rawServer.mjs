// A plain HTTP server on 127.0.0.1 for the big-output reference: GET /payload?bytes=N streams N
// bytes (2 MiB chunks of JSON-ish text), GET / is an empty page to run fetch() from.
// Usage: node bench/lib/rawServer.mjs PORT
import { createServer } from "node:http";

const port = Number(process.argv[2]);
const chunk = Buffer.alloc(2 * 1024 * 1024, '{"k":"0123456789abcdef"},');

createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (url.pathname === "/payload") {
    let left = Number(url.searchParams.get("bytes") ?? 0);
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(left), "cache-control": "no-store" });
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
    return;
  }
  res.writeHead(200, { "content-type": "text/html" });
  res.end("<!doctype html><title>raw</title><p>raw</p>");
}).listen(port, "127.0.0.1", () => process.stdout.write("ready\n"));
