import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import { createRouterTransport } from "@connectrpc/connect";
import { createMemoryRouter, RouterProvider } from "react-router";
import { App } from "./App";
import { AppProviders } from "./AppProviders";
import { appRoutes, createAppRoutes, NOT_FOUND_ROUTE_ID, type RouteId } from "./AppRoutes";
import { createScriptumClient } from "./api/client";
import { historyPageSize, threadsQueryKey } from "./hooks/useThreadsHistory";
import { AppLayout } from "./components/layout/AppLayout";
import { RootError, RouteError } from "./components/layout/RouteError";
import { paths, routePatterns } from "./routes";
import { createTestQueryClient, renderApp } from "./test/renderApp";
import { ScriptumService, ThreadStatus } from "./api/gen/dodil/scriptum/v1/scriptum_pb";

// A backend that answers HealthCheck and nothing else: pages must still render (their own
// errors included), never a blank screen.
const transport = createRouterTransport(({ service }) => {
  service(ScriptumService, { healthCheck: () => ({ status: "ok", version: "test" }) });
});

/** One concrete URL per route pattern; a pattern without one here is a compile error. */
const samplePaths: Record<RouteId, string> = {
  threads: paths.threads({ status: "failed" }),
  thread: paths.thread("thr_1"),
  threadStep: paths.threadStep("thr_1", "1.2.0", "output"),
  approvals: paths.approvals(),
  approval: paths.approval("thr_1"),
  newThread: paths.newThread(),
  settings: paths.settings(),
};

function main(): HTMLElement {
  return screen.getByRole("main");
}

describe("routing", () => {
  it("has a sample for every pattern of routes.ts", () => {
    expect(Object.keys(samplePaths).sort()).toEqual(Object.keys(routePatterns).sort());
  });

  it.each(Object.entries(samplePaths) as [RouteId, string][])(
    "renders the %s page at %s inside the layout",
    async (routeId, path) => {
      const { unmount } = renderApp(path, { transport });
      await waitFor(() => expect(main()).toHaveAttribute("data-route", routeId));
      // The lazy page has loaded and rendered something.
      await waitFor(() => expect(within(main()).queryByText("Loading…")).toBeNull(), { timeout: 5_000 });
      expect(main().textContent?.trim()).not.toBe("");
      expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
      expect(document.title).toMatch(/· Scriptum Console$/);
      unmount();
    },
  );

  it("redirects / to /threads", async () => {
    const { router } = renderApp("/", { transport });
    await waitFor(() => expect(router.state.location.pathname).toBe("/threads"));
    await waitFor(() => expect(main()).toHaveAttribute("data-route", "threads"));
  });

  it("shows the not-found page for an unknown path, with the path as text", async () => {
    renderApp("/threadz/<b>x</b>", { transport });
    expect(await screen.findByRole("heading", { name: "Page not found", level: 1 })).toBeInTheDocument();
    expect(main()).toHaveAttribute("data-route", NOT_FOUND_ROUTE_ID);
    expect(main()).toHaveTextContent("/threadz/<b>x</b>");
    expect(main().querySelector("b")).toBeNull();
    expect(within(main()).getByRole("link", { name: "Threads" })).toHaveAttribute("href", "/threads");
  });

  it("marks the current section in the navigation", async () => {
    renderApp(paths.thread("thr_1"), { transport });
    const nav = screen.getByRole("navigation", { name: "Main" });
    await waitFor(() => expect(within(nav).getByRole("link", { name: "Threads" })).toHaveAttribute("aria-current", "page"));
    expect(within(nav).getByRole("link", { name: "Settings" })).not.toHaveAttribute("aria-current");
  });
});

describe("route prefetch", () => {
  function countingBackend() {
    const calls: { statusFilter: ThreadStatus; pageToken: string; pageSize: number }[] = [];
    const backend = createRouterTransport(({ service }) => {
      service(ScriptumService, {
        healthCheck: () => ({ status: "ok", version: "test" }),
        listThreads: (req) => {
          calls.push({ statusFilter: req.statusFilter, pageToken: req.pageToken, pageSize: req.pageSize });
          return { threads: [{ threadId: "thr_listed", scriptName: "fanout", status: ThreadStatus.FAILED }], nextPageToken: "" };
        },
      });
    });
    return { calls, backend };
  }

  it("the /threads loader asks for the first page of the URL's filters, into the page's query", async () => {
    const { calls, backend } = countingBackend();
    const queryClient = createTestQueryClient();
    const scriptum = createScriptumClient(backend);
    const threads = createAppRoutes(() => ({ queryClient, scriptum, gate: undefined }))[0]?.children?.find((r) => r.id === "threads");
    const loader = threads?.loader;
    if (typeof loader !== "function") throw new Error("the threads route has no loader");
    const url = new URL("http://console.test/threads?status=failed");
    expect(await loader({ request: new Request(url), url, pattern: "/threads", params: {}, context: undefined })).toBeNull();
    await waitFor(() => expect(calls).toEqual([{ statusFilter: ThreadStatus.FAILED, pageToken: "", pageSize: historyPageSize }]));
    await waitFor(() =>
      expect(queryClient.getQueryData([...threadsQueryKey("history", { status: ThreadStatus.FAILED, script: undefined }), historyPageSize])).toBeDefined(),
    );
  });

  it("opening /threads sends one ListThreads: the page renders the prefetched answer", async () => {
    const { calls, backend } = countingBackend();
    renderApp(paths.threads({ status: "failed" }), { transport: backend });
    await waitFor(() => expect(screen.getByTestId("threads-table")).toHaveAttribute("data-row-count", "1"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The history's page size; the head refresh that follows asks with its own.
    expect(calls.filter((c) => c.pageSize === historyPageSize)).toEqual([
      { statusFilter: ThreadStatus.FAILED, pageToken: "", pageSize: historyPageSize },
    ]);
  });
});

describe("App", () => {
  afterEach(() => window.history.replaceState(null, "", "/"));

  it("renders the page of the browser's URL with the transport it is given", async () => {
    window.history.replaceState(null, "", paths.settings());
    render(<App transport={transport} queryClient={createTestQueryClient()} />);
    expect(await screen.findByRole("heading", { name: "Settings", level: 1 })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Skip to content" })).toHaveAttribute("href", "#main");
  });
});

describe("error boundaries", () => {
  beforeEach(() => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  function Broken(): never {
    throw new Error("page exploded");
  }

  it("shows a crashed page's error inside the layout, with Reload and Go to threads", async () => {
    const router = createMemoryRouter(
      [{ path: "/", element: <AppLayout />, children: [{ path: "boom", element: <Broken />, errorElement: <RouteError /> }] }],
      { initialEntries: ["/boom"] },
    );
    render(
      <AppProviders transport={transport} queryClient={createTestQueryClient()}>
        <RouterProvider router={router} />
      </AppProviders>,
    );
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("page exploded");
    expect(within(alert).getByRole("button", { name: "Reload" })).toBeInTheDocument();
    expect(within(alert).getByRole("link", { name: "Go to threads" })).toHaveAttribute("href", "/threads");
    // The navigation is still there: the rest of the console works.
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
  });

  it("shows the error alone when the layout itself fails", async () => {
    const router = createMemoryRouter([{ path: "/", element: <Broken />, errorElement: <RootError /> }]);
    render(<RouterProvider router={router} />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The console failed to start");
    expect(alert).toHaveTextContent("page exploded");
    expect(within(alert).getByRole("link", { name: "Go to threads" })).toBeInTheDocument();
  });

  it("gives every page route its own error boundary", () => {
    const children = appRoutes[0]?.children ?? [];
    const pages = children.filter((route) => route.path !== undefined);
    expect(pages.length).toBe(Object.keys(routePatterns).length + 1);
    for (const route of pages) expect(route.errorElement, route.id).toBeDefined();
  });
});
