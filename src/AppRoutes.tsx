// Every route of routes.ts mapped to its page. Pages load lazily (one chunk each), inside the
// layout, each with its own error boundary; "/" redirects to /threads; anything else is not found.
// The router loads a page's chunk (route `lazy`) before it renders the route, not a Suspense
// boundary: React holds a suspended page back until 300 ms after its fallback was shown (its
// fallback throttle), which delayed the first rows of /threads by ~170 ms. While the first page
// loads, the layout shows PageLoading (hydrateFallbackElement); on later navigations the current
// page stays until the next one is ready, and the layout shows that a page is loading.
import type { ComponentType } from "react";
import { Navigate, type LoaderFunctionArgs, type RouteObject } from "react-router";
import { parseHistoryFilters } from "./api/threads/historyFilters";
import { AppLayout } from "./components/layout/AppLayout";
import { PageLoading } from "./components/layout/PageLoading";
import { RootError, RouteError } from "./components/layout/RouteError";
import type { RouteHandle } from "./components/layout/routeHandle";
import NotFoundPage from "./pages/NotFoundPage";
import { currentStepWorkerConnection } from "./hooks/useStepWorkerConnection";
import { prefetchThreadsHistory } from "./hooks/useThreadsHistory";
import type { GetRouteData } from "./routeData";
import { paths, routePatterns } from "./routes";

export type RouteId = keyof typeof routePatterns;

type Page = () => Promise<{ default: ComponentType }>;

const ThreadPage: Page = () => import("./pages/threads/ThreadPage");
const ApprovalsPage: Page = () => import("./pages/approvals/ApprovalsPage");

/** The page and title of each route. A route missing here is a compile error. */
export const pageRoutes: Record<RouteId, { page: Page; handle: RouteHandle }> = {
  threads: { page: () => import("./pages/threads/ThreadsHistoryPage"), handle: { title: "Threads" } },
  // The same component for a thread and one of its steps, so opening a step keeps the page (and
  // its live stream) mounted.
  thread: { page: ThreadPage, handle: { title: "Thread" } },
  threadStep: { page: ThreadPage, handle: { title: "Thread step" } },
  approvals: { page: ApprovalsPage, handle: { title: "Approvals" } },
  approval: { page: ApprovalsPage, handle: { title: "Approval" } },
  newThread: { page: () => import("./pages/new/NewThreadPage"), handle: { title: "New thread" } },
  settings: { page: () => import("./pages/settings/SettingsPage"), handle: { title: "Settings" } },
};

export const NOT_FOUND_ROUTE_ID = "notFound";

/**
 * Reads a route starts while its page's code loads (its loader; the loader waits for nothing and
 * returns no data). Routes without an entry only load their code.
 */
function routeLoaders(data: GetRouteData): Partial<Record<RouteId, (args: LoaderFunctionArgs) => null>> {
  // The thread page's step tree: its worker starts, and StreamStepResult goes out, while the page's
  // code loads (the page's own preload then finds this load and takes it over).
  const preloadTree = ({ params }: LoaderFunctionArgs): null => {
    const current = data();
    const threadId = params.threadId ?? "";
    if (current !== undefined && threadId !== "") {
      void import("./api/steps/stepTreePreload").then(
        ({ preloadStepTree }) => preloadStepTree(threadId, currentStepWorkerConnection(), current.gate),
        () => {}, // the page loads the same code and reports what went wrong
      );
    }
    return null;
  };
  return {
    thread: preloadTree,
    threadStep: preloadTree,
    threads: ({ request }) => {
      const current = data();
      if (current !== undefined) {
        const { filters } = parseHistoryFilters(new URL(request.url).searchParams);
        prefetchThreadsHistory(current.queryClient, current.scriptum, filters);
      }
      return null;
    },
  };
}

/** The console's routes; with `data`, routes start their first reads beside their code. */
export function createAppRoutes(data: GetRouteData = () => undefined): RouteObject[] {
  const loaders = routeLoaders(data);
  return [
    {
      id: "root",
      path: "/",
      element: <AppLayout />,
      errorElement: <RootError />,
      children: [
        { id: "index", index: true, element: <Navigate to={paths.threads()} replace /> },
        ...(Object.keys(pageRoutes) as RouteId[]).map(
          (id): RouteObject => ({
            id,
            path: routePatterns[id],
            // The same module gives the same component, so thread and threadStep keep one mounted page.
            lazy: async () => ({ Component: (await pageRoutes[id].page()).default }),
            ...(loaders[id] === undefined ? {} : { loader: loaders[id] }),
            hydrateFallbackElement: <PageLoading />,
            errorElement: <RouteError />,
            handle: pageRoutes[id].handle,
          }),
        ),
        {
          id: NOT_FOUND_ROUTE_ID,
          path: "*",
          element: <NotFoundPage />,
          errorElement: <RouteError />,
          handle: { title: "Not found" } satisfies RouteHandle,
        },
      ],
    },
  ];
}

/** The routes without prefetching (tests that build their own router). */
export const appRoutes: RouteObject[] = createAppRoutes();
