import { afterEach, describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Code, ConnectError, createRouterTransport, type Transport } from "@connectrpc/connect";
import { useQuery } from "@tanstack/react-query";
import { createMemoryRouter, RouterProvider } from "react-router";
import { AppProviders } from "../../AppProviders";
import { useScriptumClient } from "../../api/client";
import { ScriptumService } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { DEFAULT_SETTINGS, settingsStore } from "../../hooks/settingsStore";
import { createTestQueryClient, renderApp } from "../../test/renderApp";
import { AppLayout } from "./AppLayout";

const transport = createRouterTransport(() => {});

function FailingPage({ code }: { code: Code }) {
  const query = useQuery({
    queryKey: ["failing", code],
    queryFn: (): Promise<string> => Promise.reject(new ConnectError("no access to org-9", code)),
  });
  return <h1>{query.status}</h1>;
}

/** Two threads read through the app's client (so through the call gate). */
function TwoThreads() {
  const client = useScriptumClient();
  const first = useQuery({ queryKey: ["t", 1], queryFn: () => client.getThread({ threadId: "thr_1" }) });
  const second = useQuery({ queryKey: ["t", 2], queryFn: () => client.getThread({ threadId: "thr_2" }) });
  return (
    <h1>
      {first.status} {second.status}
    </h1>
  );
}

function renderLayout(page: React.ReactNode, over: Transport = transport) {
  const router = createMemoryRouter([{ path: "/", element: <AppLayout />, children: [{ index: true, element: page }] }]);
  return render(
    <AppProviders transport={over} queryClient={createTestQueryClient()}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
}

afterEach(() => {
  settingsStore.setState({ ...DEFAULT_SETTINGS });
  delete document.documentElement.dataset.theme;
});

describe("AppLayout", () => {
  it("keeps the current page and shows a progress bar while the next page's code loads", async () => {
    let deliver: (page: { Component: () => React.ReactNode }) => void = () => {};
    const router = createMemoryRouter([
      {
        path: "/",
        element: <AppLayout />,
        children: [
          { index: true, element: <h1>First page</h1> },
          { path: "next", lazy: () => new Promise((resolve) => (deliver = resolve)) },
        ],
      },
    ]);
    render(
      <AppProviders transport={transport} queryClient={createTestQueryClient()}>
        <RouterProvider router={router} />
      </AppProviders>,
    );
    expect(screen.queryByRole("progressbar", { name: "Loading page" })).toBeNull();
    void router.navigate("/next");
    expect(await screen.findByRole("progressbar", { name: "Loading page" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "First page" })).toBeInTheDocument();
    expect(screen.getByRole("main")).toHaveAttribute("aria-busy", "true");
    deliver({ Component: () => <h1>Next page</h1> });
    expect(await screen.findByRole("heading", { name: "Next page" })).toBeInTheDocument();
    expect(screen.queryByRole("progressbar", { name: "Loading page" })).toBeNull();
    expect(screen.getByRole("main")).not.toHaveAttribute("aria-busy");
  });

  it("prompts once to fix the connection when a query is refused for credentials", async () => {
    renderLayout(<FailingPage code={Code.PermissionDenied} />);
    const banner = await screen.findByRole("alert");
    expect(banner).toHaveTextContent("The server refused the credentials.");
    expect(banner).toHaveTextContent("PERMISSION_DENIED no access to org-9");
    expect(within(banner).getByRole("link", { name: "Fix the connection in Settings" })).toHaveAttribute(
      "href",
      "/settings",
    );
  });

  it("does not show that prompt for other errors", async () => {
    renderLayout(<FailingPage code={Code.NotFound} />);
    expect(await screen.findByRole("heading", { name: "error" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("on the live thread page, prompts once when GetThread and WatchThread are refused, and sends nothing more", async () => {
    const calls = { getThread: 0, watch: 0, other: 0 };
    const refusing = createRouterTransport(({ service }) => {
      service(ScriptumService, {
        getThread: () => {
          calls.getThread++;
          throw new ConnectError("missing bearer token", Code.Unauthenticated);
        },
        // eslint-disable-next-line require-yield
        async *watchThread() {
          calls.watch++;
          throw new ConnectError("missing bearer token", Code.Unauthenticated);
        },
        getThreadResult: () => {
          calls.other++;
          throw new ConnectError("missing bearer token", Code.Unauthenticated);
        },
      });
    });
    renderApp("/threads/thr_1", { transport: refusing });
    const banner = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(banner).toHaveTextContent("The server refused the credentials.");
    expect(banner).toHaveTextContent("UNAUTHENTICATED missing bearer token");
    expect(screen.getAllByRole("link", { name: "Fix the connection in Settings" })).toHaveLength(1);
    const sent = calls.getThread + calls.watch + calls.other;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(screen.getAllByText("The server refused the credentials.")).toHaveLength(1);
    expect(calls.getThread + calls.watch + calls.other).toBe(sent);
  });

  it("'Try again' on the credentials prompt starts over: the calls go again", async () => {
    let refuse = true;
    const backend = createRouterTransport(({ service }) => {
      service(ScriptumService, {
        getThread: (request) => {
          if (refuse) throw new ConnectError("token expired", Code.Unauthenticated);
          return { threadId: request.threadId };
        },
      });
    });
    renderLayout(<TwoThreads />, backend);
    const banner = await screen.findByRole("alert");
    expect(banner).toHaveTextContent("UNAUTHENTICATED token expired");
    refuse = false;
    await userEvent.click(within(banner).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { name: "success success" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says since when the service is unreachable and when the next try is; 'Try now' sends one probe", async () => {
    let down = true;
    let calls = 0;
    const backend = createRouterTransport(({ service }) => {
      service(ScriptumService, {
        getThread: (request) => {
          calls++;
          if (down) throw new ConnectError("upstream connect error", Code.Unavailable);
          return { threadId: request.threadId };
        },
      });
    });
    renderLayout(<TwoThreads />, backend);
    const status = await screen.findByText(/^Scriptum is unreachable since \d\d:\d\d:\d\d\.$/);
    expect(status).toHaveAttribute("role", "status");
    const banner = screen.getByTestId("service-unreachable");
    // 1 s ± 25 %, read by a clock that ticks every second.
    expect(banner).toHaveTextContent(/Next try in [12] s\./);
    expect(screen.getAllByTestId("service-unreachable")).toHaveLength(1);
    expect(calls).toBe(2);

    down = false;
    await userEvent.click(within(banner).getByRole("button", { name: "Try now" }));
    await waitFor(() => expect(screen.getByRole("heading", { name: "success success" })).toBeInTheDocument());
    expect(banner).toHaveTextContent("");
    expect(screen.queryByRole("button", { name: "Try now" })).toBeNull();
    // The probe, then the other failed query once the service answered.
    expect(calls).toBe(4);
  });

  it("cycles the theme system → light → dark → system from the header", async () => {
    renderLayout(<h1>page</h1>);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: /Theme: System/ }));
    expect(document.documentElement.dataset.theme).toBe("light");
    await user.click(screen.getByRole("button", { name: /Theme: Light/ }));
    expect(document.documentElement.dataset.theme).toBe("dark");
    await user.click(screen.getByRole("button", { name: /Theme: Dark/ }));
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it("shows where calls go", async () => {
    settingsStore.setState({ endpoint: "https://rpc.example.com", protocol: "grpc-web", orgName: "Acme" });
    renderLayout(<h1>page</h1>);
    const chip = screen.getByRole("link", { name: /Connection:/ });
    expect(chip).toHaveTextContent("rpc.example.com · gRPC-Web");
    expect(chip).toHaveTextContent("Acme");
    expect(chip).toHaveAttribute("href", "/settings");
  });
});
