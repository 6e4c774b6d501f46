import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { ScriptumService } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { DEFAULT_SETTINGS, settingsStore, TOKEN_KEY } from "../../hooks/settingsStore";
import { applyConsoleConfig, loadConsoleConfig, resetConsoleConfig } from "../../hooks/useConsoleConfig";
import type { ConsoleConfig } from "../../api/consoleConfig";
import { paths } from "../../routes";
import { renderApp } from "../../test/renderApp";

function resetSettings() {
  localStorage.clear();
  sessionStorage.clear();
  settingsStore.setState({ ...DEFAULT_SETTINGS });
  resetConsoleConfig();
}

/** The console served by the sandbox (what GET /__console/config answers there). */
function servedBySandbox() {
  applyConsoleConfig({ mode: "sandbox", credentials: "browser" });
}

beforeEach(() => {
  resetSettings();
  servedBySandbox();
});
afterEach(() => {
  resetSettings();
  delete document.documentElement.dataset.theme;
});

/** A backend whose HealthCheck answers with `answer`, counting calls. */
function backend(answer: () => { status: string; version: string }) {
  const calls = { health: 0 };
  const transport = createRouterTransport(({ service }) => {
    service(ScriptumService, {
      healthCheck() {
        calls.health++;
        return answer();
      },
    });
  });
  return { transport, calls };
}

async function openSettings(transport: ReturnType<typeof backend>["transport"]) {
  renderApp(paths.settings(), { transport });
  await screen.findByRole("heading", { name: "Settings", level: 1 });
}

describe("Settings: Test connection", () => {
  it("shows the server version and the round-trip time", async () => {
    const { transport, calls } = backend(() => ({ status: "ok", version: "0.9.0-sandbox" }));
    await openSettings(transport);
    await userEvent.click(screen.getByRole("button", { name: "Test connection" }));
    expect(await screen.findByText(/^Connected — server version 0\.9\.0-sandbox \(\d+ ms\)$/)).toBeInTheDocument();
    expect(calls.health).toBe(1);
  });

  it("shows the exact error: code name and the server's message, with what to check", async () => {
    const { transport } = backend(() => {
      throw new ConnectError("token expired at 09:00", Code.Unauthenticated);
    });
    await openSettings(transport);
    await userEvent.click(screen.getByRole("button", { name: "Test connection" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Connection failed");
    expect(within(alert).getByText("UNAUTHENTICATED")).toBeInTheDocument();
    expect(within(alert).getByText("token expired at 09:00")).toBeInTheDocument();
    expect(alert).toHaveTextContent(/check the token/);
  });

  it("does not call the server with an invalid endpoint, and keeps what was typed", async () => {
    const { transport, calls } = backend(() => ({ status: "ok", version: "x" }));
    await openSettings(transport);
    const endpoint = screen.getByRole("textbox", { name: /Endpoint/ });
    await userEvent.type(endpoint, "scriptum.example.com");
    await userEvent.click(screen.getByRole("button", { name: "Test connection" }));
    expect(await screen.findByText(/Not a URL/)).toBeInTheDocument();
    expect(endpoint).toHaveValue("scriptum.example.com");
    expect(endpoint).toHaveAttribute("aria-invalid", "true");
    expect(endpoint).toHaveFocus();
    expect(calls.health).toBe(0);
  });
});

describe("Settings: saving", () => {
  it("refuses an invalid endpoint without losing it or the saved settings", async () => {
    const { transport } = backend(() => ({ status: "ok", version: "x" }));
    await openSettings(transport);
    const endpoint = screen.getByRole("textbox", { name: /Endpoint/ });
    await userEvent.type(endpoint, "ftp://files.example.com");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(/must start with http:\/\/ or https:\/\//)).toBeInTheDocument();
    expect(endpoint).toHaveValue("ftp://files.example.com");
    expect(settingsStore.getState().endpoint).toBe("");
  });

  it("saves the connection; the token stays in session storage unless remembered", async () => {
    const user = userEvent.setup();
    const { transport } = backend(() => ({ status: "ok", version: "x" }));
    await openSettings(transport);
    await user.type(screen.getByRole("textbox", { name: /Endpoint/ }), "https://rpc.example.com/");
    await user.click(screen.getByRole("radio", { name: "gRPC-Web" }));
    await user.type(screen.getByRole("textbox", { name: /Organization id/ }), "org-42");
    await user.type(screen.getByRole("textbox", { name: /Organization name/ }), "Acme");
    await user.type(screen.getByLabelText(/^Token/), "s3cret");
    expect(screen.getByText("Unsaved changes")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save" }));

    expect(settingsStore.getState()).toMatchObject({
      endpoint: "https://rpc.example.com",
      protocol: "grpc-web",
      orgId: "org-42",
      orgName: "Acme",
      token: "s3cret",
      rememberToken: false,
    });
    expect(screen.getByText("Saved")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /Endpoint/ })).toHaveValue("https://rpc.example.com");
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe("s3cret");
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();

    await user.click(screen.getByRole("checkbox", { name: "Remember on this device" }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(localStorage.getItem(TOKEN_KEY)).toBe("s3cret");
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it("hides the token by default and shows it on request", async () => {
    const { transport } = backend(() => ({ status: "ok", version: "x" }));
    await openSettings(transport);
    const token = screen.getByLabelText(/^Token/);
    expect(token).toHaveAttribute("type", "password");
    const toggle = screen.getByRole("button", { name: "Show" });
    await userEvent.click(toggle);
    expect(token).toHaveAttribute("type", "text");
    expect(screen.getByRole("button", { name: "Hide" })).toHaveAttribute("aria-pressed", "true");
  });
});

describe("Settings: theme", () => {
  it("applies the chosen theme at once and keeps it", async () => {
    const { transport } = backend(() => ({ status: "ok", version: "x" }));
    await openSettings(transport);
    await userEvent.click(screen.getByRole("radio", { name: "Dark" }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe("dark"));
    expect(settingsStore.getState().theme).toBe("dark");
    await userEvent.click(screen.getByRole("radio", { name: "System" }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBeUndefined());
  });
});

describe("Settings: what serves the console", () => {
  const HELD: ConsoleConfig = { mode: "gateway", credentials: "gateway", orgId: "org-7", orgName: "Acme Ops" };

  it("shows the sandbox mode and asks for the credentials", async () => {
    const { transport } = backend(() => ({ status: "ok", version: "x" }));
    await openSettings(transport);
    expect(screen.getByTestId("console-mode")).toHaveTextContent(/^Mode: sandbox/);
    expect(screen.queryByTestId("held-credentials")).toBeNull();
    expect(screen.getByLabelText(/^Token/)).toBeInTheDocument();
  });

  it("with gateway-held credentials: says so, asks for no token and forgets the stored one", async () => {
    resetSettings();
    settingsStore
      .getState()
      .saveConnection({ ...DEFAULT_SETTINGS, orgId: "org-1", token: "old-token", rememberToken: true });
    expect(localStorage.getItem(TOKEN_KEY)).toBe("old-token");
    let answer!: (config: ConsoleConfig) => void;
    void loadConsoleConfig(() => new Promise<ConsoleConfig>((resolve) => (answer = resolve)));

    const { transport, calls } = backend(() => ({ status: "ok", version: "gw" }));
    await openSettings(transport);
    expect(screen.getByTestId("console-mode")).toHaveTextContent("Checking what serves this console");
    answer(HELD);

    expect(await screen.findByTestId("held-credentials")).toHaveTextContent(
      "The gateway holds the credentials (organisation Acme Ops)",
    );
    expect(screen.getByTestId("console-mode")).toHaveTextContent(/^Mode: gateway/);
    expect(screen.queryByLabelText(/^Token/)).toBeNull();
    expect(screen.queryByRole("checkbox", { name: "Remember on this device" })).toBeNull();
    expect(screen.queryByRole("textbox", { name: /Organization id/ })).toBeNull();
    expect(screen.getByRole("textbox", { name: /Endpoint/ })).toHaveAttribute(
      "placeholder",
      "Leave empty: the gateway adds the credentials",
    );
    expect(settingsStore.getState().token).toBe("");
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(screen.queryByText("Unsaved changes")).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Test connection" }));
    expect(await screen.findByText(/^Connected — server version gw/)).toBeInTheDocument();
    expect(calls.health).toBe(1);
  });

  it("with gateway-held credentials: suggests the empty endpoint when another is set", async () => {
    settingsStore.getState().saveConnection({ ...DEFAULT_SETTINGS, endpoint: "https://rpc.example.com" });
    applyConsoleConfig(HELD);
    const { transport } = backend(() => ({ status: "ok", version: "x" }));
    await openSettings(transport);
    await userEvent.click(screen.getByRole("button", { name: "Use this console's server" }));
    expect(screen.getByRole("textbox", { name: /Endpoint/ })).toHaveValue("");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(settingsStore.getState()).toMatchObject({ endpoint: "", token: "" });
  });
});
