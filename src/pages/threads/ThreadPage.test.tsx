import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryRouter, RouterProvider } from "react-router";
import { Code, ConnectError, createRouterTransport, type HandlerContext } from "@connectrpc/connect";
import { ScriptumService, ThreadStatus, type Thread, type WatchThreadResponse } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { AppProviders } from "../../AppProviders";
import { routePatterns } from "../../routes";
import { completed, invoiceRunToAsk, started, thread } from "../../api/live/testEvents";
import { useThreadLive } from "../../hooks/useThreadLive";
import ThreadPage from "./ThreadPage";

interface Handlers {
  getThread?: (n: number) => Thread | ConnectError;
  watch: (attempt: number, ctx: HandlerContext) => AsyncIterable<WatchThreadResponse>;
  cancel?: () => ConnectError | undefined;
}

async function* hang(ctx: HandlerContext): AsyncGenerator<WatchThreadResponse> {
  await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
  yield* [];
}

function LiveProbe({ threadId }: { threadId: string }) {
  const live = useThreadLive(threadId);
  return <span data-testid="probe">{live.state.events.length}</span>;
}

function renderPage(handlers: Handlers, extra?: React.ReactNode) {
  const calls = { watch: 0, getThread: 0, cancel: 0 };
  const transport = createRouterTransport(({ service }) => {
    service(ScriptumService, {
      getThread: async () => {
        const r = (handlers.getThread ?? (() => thread(ThreadStatus.RUNNING)))(calls.getThread++);
        if (r instanceof ConnectError) throw r;
        return r;
      },
      async *watchThread(_req, ctx) {
        yield* handlers.watch(++calls.watch, ctx);
      },
      cancelThread: async () => {
        calls.cancel++;
        const r = handlers.cancel?.();
        if (r !== undefined) throw r;
        return {};
      },
    });
  });
  const router = createMemoryRouter(
    [
      {
        path: routePatterns.thread,
        element: (
          <>
            <ThreadPage />
            {extra}
          </>
        ),
      },
    ],
    { initialEntries: ["/threads/thr_1"] },
  );
  const view = render(
    <AppProviders transport={transport}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { calls, view };
}

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const connection = () => screen.getByTestId("connection-state");

describe("ThreadPage (live)", () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 0, 2, 10, 0, 0), toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] }));
  afterEach(() => vi.useRealTimers());

  it("shows events live, then the pause with a link to the approval", async () => {
    let pausedNow = false;
    renderPage({
      getThread: () =>
        pausedNow ? thread(ThreadStatus.PAUSED, { currentStepPath: "3", currentStepName: "approve-amount" }) : thread(ThreadStatus.RUNNING),
      watch: async function* (_n, ctx) {
        yield* invoiceRunToAsk();
        pausedNow = true;
        yield* hang(ctx);
      },
    });
    await advance(200);
    expect(connection()).toHaveTextContent("Live");
    expect(screen.getByTestId("event-timeline")).toHaveAttribute("data-sequence-ranges", "1-11");
    expect(screen.getByTestId("thread-status")).toHaveTextContent("Running");
    await advance(4_800);
    expect(screen.getByTestId("thread-status")).toHaveTextContent("Paused");
    const link = screen.getByRole("link", { name: "Answer it in Approvals" });
    expect(link).toHaveAttribute("href", "/approvals/thr_1");
    expect(screen.getByTestId("waiting-for-input")).toHaveTextContent("approve-amount");
  });

  it("says Polling every 1 s when the stream hangs, and reaches the end by polling", async () => {
    let n = 0;
    renderPage({
      getThread: () => (++n > 4 ? thread(ThreadStatus.COMPLETED, { finishedAtMs: 1n }) : thread(ThreadStatus.RUNNING)),
      watch: (_a, ctx) => hang(ctx),
    });
    await advance(3_100);
    expect(connection()).toHaveTextContent("Polling every 1 s");
    await advance(4_000);
    expect(screen.getByTestId("thread-status")).toHaveTextContent("Completed");
    expect(connection()).toHaveTextContent("Final");
  });

  it("says Polling when WatchThread is UNIMPLEMENTED", async () => {
    renderPage({
      // eslint-disable-next-line require-yield
      watch: async function* () {
        throw new ConnectError("nope", Code.Unimplemented);
      },
    });
    await advance(100);
    expect(connection()).toHaveTextContent("Polling every 1 s");
    expect(connection()).toHaveAttribute("data-kind", "polling");
  });

  it("says Reconnecting when the stream fails, then Live again without duplicates", async () => {
    renderPage({
      watch: async function* (attempt, ctx) {
        yield started(1);
        if (attempt === 1) throw new ConnectError("dropped", Code.Unavailable);
        yield* invoiceRunToAsk().slice(1, 5);
        yield* hang(ctx);
      },
    });
    await advance(100);
    expect(connection()).toHaveTextContent(/^.?Connection: Reconnecting \(attempt 1, next in 1 s\)$/);
    await advance(600);
    expect(connection()).toHaveTextContent("Live");
    expect(connection()).toHaveAttribute("data-reconnects", "1");
    expect(screen.getByTestId("event-timeline")).toHaveAttribute("data-sequence-ranges", "1-5");
  });

  it("shares one stream between every component showing the thread", async () => {
    const { calls } = renderPage(
      {
        watch: async function* (_n, ctx) {
          yield* invoiceRunToAsk().slice(0, 3);
          yield* hang(ctx);
        },
      },
      <LiveProbe threadId="thr_1" />,
    );
    await advance(200);
    expect(screen.getByTestId("probe")).toHaveTextContent("3");
    expect(calls.watch).toBe(1);
  });

  it("stops offering Cancel once the endpoint answers UNIMPLEMENTED", async () => {
    const { calls } = renderPage({
      watch: (_n, ctx) => hang(ctx),
      cancel: () => new ConnectError("not yet", Code.Unimplemented),
    });
    await advance(100);
    act(() => fireEvent.click(screen.getByRole("button", { name: "Cancel" })));
    act(() => fireEvent.click(screen.getByRole("button", { name: "Confirm cancel" })));
    await advance(50);
    expect(calls.cancel).toBe(1);
    expect(screen.getByTestId("cancel-unsupported")).toHaveTextContent("cannot cancel threads yet");
    expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
  });

  it("shows NOT_FOUND and opens no stream", async () => {
    const { calls } = renderPage({
      getThread: () => new ConnectError("no thread thr_1", Code.NotFound),
      watch: (_n, ctx) => hang(ctx),
    });
    await advance(100);
    expect(screen.getByRole("alert")).toHaveTextContent("NOT_FOUND");
    expect(calls.watch).toBe(0);
  });

  it("renders a terminal thread's whole timeline and says Final", async () => {
    renderPage({
      getThread: () => thread(ThreadStatus.COMPLETED, { finishedAtMs: 5n }),
      watch: async function* () {
        yield* [...invoiceRunToAsk(), completed(12)];
      },
    });
    await advance(200);
    expect(screen.getByTestId("event-timeline")).toHaveAttribute("data-sequence-ranges", "1-12");
    expect(connection()).toHaveTextContent("Final");
  });
});
