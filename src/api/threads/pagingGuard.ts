// ListThreads paging with a loop guard. The service's next_page_token progression is limited:
// a token can repeat (the last page of a filtered query returns the request's own token), or a
// page can hold only threads already shown. Either ends paging with a notice; no thread is ever
// listed twice. Pure.
import type { Thread } from "../gen/dodil/scriptum/v1/scriptum_pb";

export interface ThreadPage {
  readonly threads: readonly Thread[];
  readonly nextPageToken: string;
}

export type PagingEnd =
  | { readonly kind: "exhausted" }
  | { readonly kind: "repeated-token" }
  | { readonly kind: "no-new-threads" };

/** Why paging ended after these pages, or undefined when there is more to load. */
export function pagingEnd(pages: readonly ThreadPage[], pageParams: readonly string[]): PagingEnd | undefined {
  const last = pages[pages.length - 1];
  if (last === undefined) return undefined;
  if (last.nextPageToken === "") return { kind: "exhausted" };
  if (pageParams.includes(last.nextPageToken)) return { kind: "repeated-token" };
  if (pages.length > 1) {
    const seen = new Set<string>();
    for (const page of pages.slice(0, -1)) for (const t of page.threads) seen.add(t.threadId);
    if (!last.threads.some((t) => !seen.has(t.threadId))) return { kind: "no-new-threads" };
  }
  return undefined;
}

/** The token of the next page, or undefined when paging has ended. */
export function nextPageParam(pages: readonly ThreadPage[], pageParams: readonly string[]): string | undefined {
  return pagingEnd(pages, pageParams) === undefined ? pages[pages.length - 1]?.nextPageToken : undefined;
}

/** Every thread of the pages once, in page order (the first occurrence wins). */
export function mergePages(pages: readonly ThreadPage[]): Thread[] {
  const seen = new Set<string>();
  const out: Thread[] = [];
  for (const page of pages) {
    for (const thread of page.threads) {
      if (seen.has(thread.threadId)) continue;
      seen.add(thread.threadId);
      out.push(thread);
    }
  }
  return out;
}

export function pagingEndNotice(end: PagingEnd): string | undefined {
  switch (end.kind) {
    case "exhausted":
      return undefined;
    case "repeated-token":
      return "Paging stopped: the service returned a page token it had already given. Older threads may exist; narrow the filters to reach them.";
    case "no-new-threads":
      return "Paging stopped: the service returned only threads already listed. Older threads may exist; narrow the filters to reach them.";
  }
}
