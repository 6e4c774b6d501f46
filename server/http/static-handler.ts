// Serves the built console: files with their content types, hashed assets cached immutable,
// JS/CSS/HTML gzipped (a precompressed .gz beside the file, or compressed once and kept), and
// index.html for every app route.
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { resolve, sep } from "node:path";
import { gzip } from "node:zlib";
import { promisify } from "node:util";
import { contentTypeFor, isCompressible } from "./content-types";
import {
  acceptsGzip,
  cacheControlFor,
  etagFor,
  isSpaFallback,
  isSpaRoute,
  matchesEtag,
  staticFilePath,
} from "./static-routing";
import { sendText, type NodeRequest as Request, type NodeResponse as Response } from "./responses";

const gzipAsync = promisify(gzip);

/** Files above this size are streamed as they are rather than compressed in memory. */
const MAX_ON_THE_FLY_GZIP_BYTES = 16 * 1024 * 1024;

export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Scriptum Console: not built</title></head>
<body><h1>Scriptum Console is not built yet</h1>
<p>The sandbox Scriptum is running, but there is no built console to serve here.
Run <code>npm run build</code> (or <code>npm start</code>, which builds it), then reload.</p>
</body></html>
`;

interface FileInfo {
  absolute: string;
  relative: string;
  size: number;
  mtimeMs: number;
}

export interface StaticHandler {
  (req: Request, res: Response): Promise<void>;
}

export function createStaticHandler(staticDir: string): StaticHandler {
  const root = resolve(staticDir);
  const gzipCache = new Map<string, { mtimeMs: number; size: number; data: Buffer }>();

  async function findFile(relative: string): Promise<FileInfo | null> {
    const absolute = resolve(root, relative);
    if (absolute !== root && !absolute.startsWith(root + sep)) return null;
    try {
      const info = await stat(absolute);
      if (!info.isFile()) return null;
      return { absolute, relative, size: info.size, mtimeMs: info.mtimeMs };
    } catch {
      return null;
    }
  }

  async function gzipped(file: FileInfo): Promise<{ data: Buffer } | { path: string; size: number } | null> {
    const precompressed = await findFile(`${file.relative}.gz`);
    if (precompressed !== null && precompressed.mtimeMs >= file.mtimeMs) {
      return { path: precompressed.absolute, size: precompressed.size };
    }
    if (file.size > MAX_ON_THE_FLY_GZIP_BYTES) return null;
    const cached = gzipCache.get(file.absolute);
    if (cached !== undefined && cached.mtimeMs === file.mtimeMs && cached.size === file.size) {
      return { data: cached.data };
    }
    const data = await gzipAsync(await readFile(file.absolute));
    gzipCache.set(file.absolute, { mtimeMs: file.mtimeMs, size: file.size, data });
    return { data };
  }

  async function sendFile(req: Request, res: Response, file: FileInfo): Promise<void> {
    const compressible = isCompressible(file.relative);
    const etag = etagFor(file.size, file.mtimeMs);
    res.setHeader("Content-Type", contentTypeFor(file.relative));
    res.setHeader("Cache-Control", cacheControlFor(file.relative));
    res.setHeader("ETag", etag);
    if (compressible) res.setHeader("Vary", "Accept-Encoding");
    if (matchesEtag(header(req, "if-none-match"), etag)) {
      res.writeHead(304);
      res.end();
      return;
    }
    const encoded = compressible && acceptsGzip(header(req, "accept-encoding")) ? await gzipped(file) : null;
    if (encoded !== null) res.setHeader("Content-Encoding", "gzip");
    if (encoded !== null && "data" in encoded) {
      res.setHeader("Content-Length", encoded.data.length);
      res.writeHead(200);
      if (req.method === "HEAD") res.end();
      else res.end(encoded.data);
      return;
    }
    const path = encoded === null ? file.absolute : encoded.path;
    res.setHeader("Content-Length", encoded === null ? file.size : encoded.size);
    res.writeHead(200);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    await pipeFile(path, res);
  }

  return async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      sendText(res, 405, "method not allowed\n");
      return;
    }
    const pathname = new URL(req.url ?? "/", "http://console.invalid").pathname;
    const relative = staticFilePath(pathname);
    if (relative === null && !isSpaRoute(pathname)) {
      sendText(res, 404, "not found\n");
      return;
    }
    const file = relative === null ? null : await findFile(relative);
    if (file !== null && file.relative !== "index.html") {
      await sendFile(req, res, file);
      return;
    }
    if (file === null && !isSpaFallback(pathname, header(req, "accept"))) {
      sendText(res, 404, "not found\n");
      return;
    }
    const index = file ?? (await findFile("index.html"));
    if (index === null) {
      res.setHeader("Cache-Control", "no-store");
      sendText(res, 503, NOT_BUILT_PAGE, "text/html; charset=utf-8");
      return;
    }
    await sendFile(req, res, index);
  };
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

function pipeFile(path: string, res: Response): Promise<void> {
  return new Promise((done) => {
    const stream = createReadStream(path);
    stream.on("error", () => {
      res.destroy();
      done();
    });
    stream.on("end", () => done());
    res.on("close", () => {
      stream.destroy();
      done();
    });
    (stream as NodeJS.ReadableStream).pipe(res as NodeJS.WritableStream);
  });
}
