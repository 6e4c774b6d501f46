// Pure decisions of the static file server: which file a URL path names, when the SPA's
// index.html answers instead, how long a response may be cached, whether to gzip.
import { posix } from "node:path";
import { isKnownFileExtension } from "./content-types";

/** The app's client-side routes (product.md); any other path that is not a file also gets the SPA. */
/** Served by the download service worker only (src/api/results/streamDownload.ts). */
export const DOWNLOAD_PREFIX = "/__download";

export const SPA_ROUTE_PREFIXES = ["/threads", "/approvals", "/new", "/settings"] as const;

/**
 * The relative file path a URL pathname names inside the static directory, or null when it
 * cannot name a file there (traversal, dotfiles, NUL, bad escapes). "/" names index.html.
 */
export function staticFilePath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const segments = decoded.split("/").filter((s) => s !== "");
  if (segments.some((s) => s === ".." || s.startsWith("."))) return null;
  const normalized = posix.normalize(`/${segments.join("/")}`);
  if (normalized === "/") return "index.html";
  return normalized.slice(1);
}

/**
 * Whether a GET for a path that is no file is answered with index.html (the SPA routes it).
 * Missing assets and missing files of known types stay 404, so a script tag never receives HTML;
 * a path such as /threads/t1/steps/1.2.0 has an unknown "extension" and gets the SPA.
 */
export function isSpaFallback(pathname: string, accept: string | undefined): boolean {
  if (pathname === "/assets" || pathname.startsWith("/assets/")) return false;
  // The download service worker's URLs (public/download-sw.js): when it does not answer one (a
  // stale link), a 404, never the app inside the download iframe.
  if (pathname === DOWNLOAD_PREFIX || pathname.startsWith(`${DOWNLOAD_PREFIX}/`)) return false;
  if (isSpaRoute(pathname)) return true;
  if ((accept ?? "").includes("text/html")) return true;
  return !isKnownFileExtension(pathname);
}

/**
 * A path under one of the app's routes: the SPA answers it even when it names no file at all
 * (a bad escape such as /threads/%E0%A4%A, or %2F in a step path), and says what is wrong itself.
 */
export function isSpaRoute(pathname: string): boolean {
  return SPA_ROUTE_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export const IMMUTABLE = "public, max-age=31536000, immutable";
export const REVALIDATE = "no-cache";

/** Built assets carry a content hash in their names; everything else is revalidated. */
export function cacheControlFor(relativePath: string): string {
  return relativePath.startsWith("assets/") ? IMMUTABLE : REVALIDATE;
}

/** Whether an Accept-Encoding header accepts gzip (q=0 refuses it). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (acceptEncoding === undefined) return false;
  const qualities = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [coding = "", ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    qualities.set(coding, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const q = qualities.get("gzip") ?? qualities.get("x-gzip") ?? qualities.get("*") ?? 0;
  return q > 0;
}

/** A weak validator from size and modification time. */
export function etagFor(size: number, mtimeMs: number): string {
  return `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
}

export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = (tag: string): string => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => bare(tag) === bare(etag));
}
