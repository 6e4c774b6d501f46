// ListThreads page tokens: opaque base64url of the last item's key (created_at_ms, thread_id).
// Keyset paging: threads created after a page was read do not shift the following pages.

export interface PageKey {
  createdAtMs: number;
  threadId: string;
}

export function encodePageToken(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.createdAtMs, key.threadId]), "utf8").toString("base64url");
}

export function decodePageToken(token: string): PageKey | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(v) || v.length !== 2) return undefined;
    const [at, id] = v as unknown[];
    if (typeof at !== "number" || !Number.isFinite(at) || typeof id !== "string") return undefined;
    return { createdAtMs: at, threadId: id };
  } catch {
    return undefined;
  }
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export function clampPageSize(requested: number): number {
  if (requested <= 0) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, requested);
}

/**
 * The next_page_token of a ListThreads answer.
 *
 * The real service documents that "next_page_token progression is limited". The sandbox
 * emulates it in `today` fidelity: the LAST page of a FILTERED query (status or script filter)
 * answers with the request's own page_token (a repeating token) instead of "". Clients must
 * stop when a token repeats (or a page comes back empty). Unfiltered queries, and `complete`
 * fidelity, end with "".
 */
export function nextPageToken(args: {
  hasMore: boolean;
  lastKey: PageKey | undefined;
  requestToken: string;
  filtered: boolean;
  fidelity: "today" | "complete";
}): string {
  if (args.hasMore && args.lastKey !== undefined) return encodePageToken(args.lastKey);
  if (args.fidelity === "today" && args.filtered) return args.requestToken;
  return "";
}
