import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryRouter, RouterProvider } from "react-router";
import { createRouterTransport } from "@connectrpc/connect";
import { ScriptumService, ThreadStatus, type ListThreadsRequest, type Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { AppProviders } from "../../AppProviders";
import { routePatterns } from "../../routes";
import { thread } from "../../api/live/testEvents";
import ThreadsHistoryPage from "./ThreadsHistoryPage";

const t = (id: string, createdAtMs: number, status = ThreadStatus.COMPLETED) =>
  thread(status, { threadId: id, createdAtMs: BigInt(createdAtMs), scriptName: "invoice-parser" });

type ListFn = (req: ListThreadsRequest) => { threads: Thread[]; nextPageToken: string };

function renderHistory(list: ListFn, url = "/threads") {
  const requests: ListThreadsRequest[] = [];
  const transport = createRouterTransport(({ service }) => {
    service(ScriptumService, {
      listThreads: async (req) => {
        requests.push(req);
        return list(req);
      },
      getThread: async (req) => t(req.threadId, 1),
    });
  });
  const router = createMemoryRouter(
    [
      { path: routePatterns.threads, element: <ThreadsHistoryPage /> },
      { path: routePatterns.thread, element: <p>thread page</p> },
    ],
    { initialEntries: [url] },
  );
  render(
    <AppProviders transport={transport}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { requests, router };
}


describe("ThreadsHistoryPage", () => {
  beforeEach(() => {
    // Real timers; the head refresh interval is long compared to these tests.
  });
  afterEach(() => vi.useRealTimers());

  it("loads threads with the filters of the URL", async () => {
    const { requests } = renderHistory(() => ({ threads: [t("a", 3), t("b", 2)], nextPageToken: "" }), "/threads?status=failed&script=invoice-parser");
    await waitFor(() => expect(screen.getByTestId("threads-table")).toHaveAttribute("data-row-count", "2"));
    const first = requests[0];
    expect(first?.statusFilter).toBe(ThreadStatus.FAILED);
    expect(first?.scriptNameFilter).toBe("invoice-parser");
    expect(screen.getByRole("button", { name: "Failed" })).toHaveAttribute("aria-pressed", "true");
  });

  it("shows a notice for an invalid status in the URL and lists every status", async () => {
    const { requests } = renderHistory(() => ({ threads: [t("a", 3)], nextPageToken: "" }), "/threads?status=bogus");
    expect(await screen.findByTestId("filter-notice")).toHaveTextContent('Unknown status "bogus"');
    await waitFor(() => expect(requests.length).toBeGreaterThan(0));
    expect(requests[0]?.statusFilter).toBe(ThreadStatus.UNSPECIFIED);
  });

  it("stops paging with a notice when the service repeats the page token", async () => {
    const { requests } = renderHistory((req) => {
      if (req.pageSize !== 100) return { threads: [], nextPageToken: "" };
      if (req.pageToken === "") return { threads: [t("a", 3), t("b", 2)], nextPageToken: "tok-1" };
      // Today's last page of a filtered query: the request's own token again.
      return { threads: [t("c", 1)], nextPageToken: req.pageToken };
    }, "/threads?status=completed");
    // The table asks for the next page by itself when its end is on screen (infinite scroll).
    expect(await screen.findByTestId("paging-notice")).toHaveTextContent("page token it had already given");
    expect(screen.getByTestId("threads-table")).toHaveAttribute("data-row-count", "3");
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
    const pagesAsked = requests.filter((r) => r.pageSize === 100).map((r) => r.pageToken);
    expect(pagesAsked.filter((p) => p === "tok-1")).toHaveLength(1);
  });

  it("offers new threads instead of inserting them under the reader", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let newest: Thread[] = [];
    renderHistory((req) => ({ threads: req.pageSize === 50 ? [...newest, t("a", 3), t("b", 2)] : [t("a", 3), t("b", 2)], nextPageToken: "" }));
    await waitFor(() => expect(screen.getByTestId("threads-table")).toHaveAttribute("data-row-count", "2"));
    newest = [t("n2", 5, ThreadStatus.RUNNING), t("n1", 4, ThreadStatus.RUNNING)];
    await act(() => vi.advanceTimersByTimeAsync(5_100));
    const button = await screen.findByTestId("new-threads");
    expect(button).toHaveTextContent("2 new threads");
    expect(screen.getByTestId("threads-table")).toHaveAttribute("data-row-count", "2");
    fireEvent.click(button);
    expect(screen.getByTestId("threads-table")).toHaveAttribute("data-row-count", "4");
    expect(screen.queryByTestId("new-threads")).toBeNull();
  });

  it("loads the charts window only when the charts are opened, and remembers the choice", async () => {
    sessionStorage.clear();
    const { requests } = renderHistory(() => ({ threads: [t("a", 3), t("b", 2)], nextPageToken: "" }));
    await waitFor(() => expect(screen.getByTestId("threads-table")).toHaveAttribute("data-row-count", "2"));
    const toggle = screen.getByRole("button", { name: "Show charts" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByTestId("chart-window")).toBeNull();
    expect(requests.some((r) => r.pageSize === 250)).toBe(false);
    fireEvent.click(toggle);
    expect(screen.getByRole("button", { name: "Hide charts" })).toHaveAttribute("aria-expanded", "true");
    await waitFor(() => expect(requests.some((r) => r.pageSize === 250)).toBe(true));
    expect(await screen.findByTestId("chart-window")).toHaveTextContent("Computed from the latest 2 threads");
    expect(sessionStorage.getItem("scriptum.threads.charts")).toBe("1");
    sessionStorage.clear();
  });

  it("opens the charts from a ?charts=1 link", async () => {
    sessionStorage.clear();
    renderHistory(() => ({ threads: [t("a", 3)], nextPageToken: "" }), "/threads?charts=1");
    expect(await screen.findByRole("button", { name: "Hide charts" })).toHaveAttribute("aria-expanded", "true");
    expect(await screen.findByTestId("chart-window")).toHaveTextContent("Computed from the latest 1 threads");
  });

  it("opens a thread by id from the search box", async () => {
    const { router } = renderHistory(() => ({ threads: [], nextPageToken: "" }));
    fireEvent.change(screen.getByRole("searchbox", { name: "Thread id" }), { target: { value: " thr_x/1 " } });
    fireEvent.click(screen.getByRole("button", { name: "Open" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/threads/thr_x%2F1"));
  });
});
