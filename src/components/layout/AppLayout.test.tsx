import { afterEach, describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { useQuery } from "@tanstack/react-query";
import { createMemoryRouter, RouterProvider } from "react-router";
import { AppProviders } from "../../AppProviders";
import { DEFAULT_SETTINGS, settingsStore } from "../../hooks/settingsStore";
import { createTestQueryClient } from "../../test/renderApp";
import { AppLayout } from "./AppLayout";

const transport = createRouterTransport(() => {});

function FailingPage({ code }: { code: Code }) {
  const query = useQuery({
    queryKey: ["failing", code],
    queryFn: (): Promise<string> => Promise.reject(new ConnectError("no access to org-9", code)),
  });
  return <h1>{query.status}</h1>;
}

function renderLayout(page: React.ReactNode) {
  const router = createMemoryRouter([{ path: "/", element: <AppLayout />, children: [{ index: true, element: page }] }]);
  return render(
    <AppProviders transport={transport} queryClient={createTestQueryClient()}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
}

afterEach(() => {
  settingsStore.setState({ ...DEFAULT_SETTINGS });
  delete document.documentElement.dataset.theme;
});

describe("AppLayout", () => {
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
