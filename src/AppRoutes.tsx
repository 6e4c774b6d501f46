// Every route of routes.ts mapped to its page. Pages load lazily (one chunk each), inside the
// layout, each with its own error boundary; "/" redirects to /threads; anything else is not found.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from "react";
import { Navigate, type RouteObject } from "react-router";
import { AppLayout } from "./components/layout/AppLayout";
import { PageLoading } from "./components/layout/PageLoading";
import { RootError, RouteError } from "./components/layout/RouteError";
import type { RouteHandle } from "./components/layout/routeHandle";
import NotFoundPage from "./pages/NotFoundPage";
import { paths, routePatterns } from "./routes";

export type RouteId = keyof typeof routePatterns;

type Page = LazyExoticComponent<ComponentType>;

const ThreadPage = lazy(() => import("./pages/threads/ThreadPage"));
const ApprovalsPage = lazy(() => import("./pages/approvals/ApprovalsPage"));

/** The page and title of each route. A route missing here is a compile error. */
export const pageRoutes: Record<RouteId, { page: Page; handle: RouteHandle }> = {
  threads: { page: lazy(() => import("./pages/threads/ThreadsHistoryPage")), handle: { title: "Threads" } },
  // The same component for a thread and one of its steps, so opening a step keeps the page (and
  // its live stream) mounted.
  thread: { page: ThreadPage, handle: { title: "Thread" } },
  threadStep: { page: ThreadPage, handle: { title: "Thread step" } },
  approvals: { page: ApprovalsPage, handle: { title: "Approvals" } },
  approval: { page: ApprovalsPage, handle: { title: "Approval" } },
  newThread: { page: lazy(() => import("./pages/new/NewThreadPage")), handle: { title: "New thread" } },
  settings: { page: lazy(() => import("./pages/settings/SettingsPage")), handle: { title: "Settings" } },
};

export const NOT_FOUND_ROUTE_ID = "notFound";

function LazyPage({ page: Page }: { page: Page }) {
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

export const appRoutes: RouteObject[] = [
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
          element: <LazyPage page={pageRoutes[id].page} />,
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
