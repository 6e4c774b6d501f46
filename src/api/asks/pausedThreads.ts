// Every paused thread, across all pages of ListThreads. The real service's page tokens may repeat
// (the last page of a filtered query hands back the request's own token), so paging stops on a
// token already used, on a page that brings no new thread, or after maxPages.
import type { Thread } from "../gen/dodil/scriptum/v1/scriptum_pb";

export type ThreadPage = { threads: readonly Thread[]; nextPageToken: string };
export type FetchThreadPage = (pageToken: string) => Promise<ThreadPage>;

export async function listAllPages(fetchPage: FetchThreadPage, maxPages = 50): Promise<Thread[]> {
  const seen = new Map<string, Thread>();
  const usedTokens = new Set<string>();
  let token = "";
  for (let page = 0; page < maxPages; page++) {
    usedTokens.add(token);
    const result = await fetchPage(token);
    let added = 0;
    for (const thread of result.threads) {
      if (!seen.has(thread.threadId)) {
        seen.set(thread.threadId, thread);
        added += 1;
      }
    }
    const next = result.nextPageToken;
    if (next === "" || usedTokens.has(next) || added === 0) break;
    token = next;
  }
  return [...seen.values()];
}
