// Typed path helpers: every route of the console is written here once. Links are shared in chat
// and tickets, so these paths are part of the product's contract (see shared/docs/product.md).
// Every dynamic segment is URI-encoded: ids and step paths come from scripts.

export const routePatterns = {
  threads: "/threads",
  thread: "/threads/:threadId",
  threadStep: "/threads/:threadId/steps/:stepPath",
  approvals: "/approvals",
  approval: "/approvals/:threadId",
  newThread: "/new",
  settings: "/settings",
} as const;

export type StepTab = "input" | "output" | "logs";

export const paths = {
  threads: (query?: { status?: string; script?: string }): string =>
    withQuery("/threads", { status: query?.status, script: query?.script }),
  thread: (threadId: string): string => `/threads/${encodeURIComponent(threadId)}`,
  threadStep: (threadId: string, stepPath: string, tab?: StepTab): string =>
    withQuery(`/threads/${encodeURIComponent(threadId)}/steps/${encodeURIComponent(stepPath)}`, {
      tab,
    }),
  approvals: (): string => "/approvals",
  approval: (threadId: string): string => `/approvals/${encodeURIComponent(threadId)}`,
  newThread: (rerunOf?: string): string => withQuery("/new", { rerun: rerunOf }),
  settings: (): string => "/settings",
};

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, value);
  }
  const search = params.toString();
  return search === "" ? path : `${path}?${search}`;
}
