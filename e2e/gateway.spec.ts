// The console in gateway mode, in a browser: a sandbox Scriptum that requires a token stands in for
// the real deployment (reached over its native gRPC port); the console server in front of it holds
// the credentials. The browser lists, creates and follows a thread live through the gateway, and no
// token ever reaches the browser's storage. Both servers run in this worker on 127.0.0.1,
// ephemeral ports, and are stopped at the end.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { startServer, type RunningServer } from "../server/app";
import { DEFAULT_OPTIONS } from "../server/options";
import { startGatewayServer, type GatewayServer } from "../server/gateway/start-gateway-server";
import { paths } from "../src/routes";

const TOKEN = "e2e-held-token-7f3a";
const ORG = "org-e2e";
const STATIC_DIR = resolve(process.env.SCRIPTUM_E2E_STATIC_DIR ?? "dist");

test.describe.configure({ mode: "serial" });

let secrets: string;
let upstream: RunningServer;
let gateway: GatewayServer;

test.beforeAll(async () => {
  secrets = mkdtempSync(join(tmpdir(), "gateway-e2e-"));
  const tokenFile = join(secrets, "token");
  writeFileSync(tokenFile, TOKEN);
  const base = { ...DEFAULT_OPTIONS, host: "127.0.0.1", port: 0, grpcPort: 0, dataDir: null, staticDir: STATIC_DIR };
  upstream = await startServer({ ...base, speed: 20, seedThreads: 20, requireToken: TOKEN, requireOrg: ORG });
  gateway = await startGatewayServer({
    ...base,
    upstream: upstream.grpcUrl,
    tokenFile,
    orgId: ORG,
    orgName: "E2E Org",
    env: {},
    log: () => {},
  });
});

test.afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
  rmSync(secrets, { recursive: true, force: true });
});

/** Every value in localStorage, sessionStorage, cookies and IndexedDB names, as one text. */
async function browserStorage(page: Page): Promise<string> {
  const storage = await page.evaluate(async () => {
    const dump = (store: Storage) => Object.keys(store).map((key) => `${key}=${store.getItem(key) ?? ""}`);
    const databases = "databases" in indexedDB ? (await indexedDB.databases()).map((db) => db.name ?? "") : [];
    return [...dump(localStorage), ...dump(sessionStorage), document.cookie, ...databases].join("\n");
  });
  const cookies = (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`);
  return [storage, ...cookies].join("\n");
}

test("lists, creates and follows a thread live through the gateway; no token in the browser", async ({ page }) => {
  const sentHeaders: string[] = [];
  page.on("request", (request) => {
    const auth = request.headers()["authorization"];
    if (auth !== undefined) sentHeaders.push(auth);
  });

  await page.goto(`${gateway.url}${paths.threads()}`);
  const table = page.getByTestId("threads-table");
  await expect(table).toBeVisible();
  await expect.poll(async () => Number(await table.getAttribute("data-row-count"))).toBeGreaterThan(0);

  await page.goto(`${gateway.url}${paths.newThread()}`);
  await page.getByRole("combobox", { name: /^Script/ }).selectOption("ticker");
  await page.getByRole("textbox", { name: /^seconds/ }).fill("2");
  await page.getByRole("textbox", { name: /^rate/ }).fill("4");
  await page.getByRole("button", { name: "Create thread" }).click();
  await expect(page).toHaveURL(/\/threads\/[^/?#]+$/);
  await expect(page.getByTestId("connection-state")).toHaveText(/Live|Final/);
  await expect(page.getByTestId("thread-status")).toContainText("Completed", { timeout: 30_000 });

  await page.goto(`${gateway.url}${paths.settings()}`);
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  // The settings page says who holds the credentials, and asks for no token.
  await expect(page.getByTestId("held-credentials")).toContainText(
    "The gateway holds the credentials (organisation E2E Org)",
  );
  await expect(page.getByTestId("console-mode")).toHaveText(/^Mode: gateway/);
  await expect(page.getByLabel(/^Token/)).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: "Remember on this device" })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: /Endpoint/ })).toHaveValue("");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/^Connected — server version .+ \(\d+ ms\)$/)).toBeVisible();

  const stored = await browserStorage(page);
  expect(stored).not.toContain(TOKEN);
  expect(stored.toLowerCase()).not.toContain("bearer");
  expect(sentHeaders).toEqual([]);

  // What the settings page can read: the gateway holds the credentials (and never says the token).
  const config = await page.request.get(`${gateway.url}/__console/config`);
  expect(await config.json()).toEqual({ mode: "gateway", credentials: "gateway", orgId: ORG, orgName: "E2E Org" });
  const metrics = await (await page.request.get(`${gateway.url}/metrics`)).text();
  expect(metrics).toMatch(/scriptum_gateway_requests_total\{method="CreateThread",code="OK"\} 1/);
  expect(metrics).toMatch(/scriptum_gateway_requests_total\{method="WatchThread",code="(OK|CANCELLED)"\} \d+/);
});

test("a token left in the browser from before is forgotten and never sent through a gateway that holds the credentials", async ({
  page,
}) => {
  const STALE = "stale-browser-token-91c2";
  const sentHeaders: string[] = [];
  page.on("request", (request) => {
    const auth = request.headers()["authorization"];
    if (auth !== undefined) sentHeaders.push(`${request.url()} ${auth}`);
  });
  // An earlier visit (say, before the gateway held the credentials) remembered a token.
  await page.goto(`${gateway.url}${paths.settings()}`);
  await expect(page.getByTestId("held-credentials")).toBeVisible();
  await page.evaluate(
    ({ token }) => {
      localStorage.setItem("scriptum-console.settings", JSON.stringify({ rememberToken: true }));
      localStorage.setItem("scriptum-console.token", token);
    },
    { token: STALE },
  );

  await page.goto(`${gateway.url}${paths.threads()}`);
  const table = page.getByTestId("threads-table");
  await expect.poll(async () => Number(await table.getAttribute("data-row-count"))).toBeGreaterThan(0);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByTestId("held-credentials")).toBeVisible();

  expect(sentHeaders).toEqual([]);
  const stored = await browserStorage(page);
  expect(stored).not.toContain(STALE);
});

test("every page served by the gateway carries the security headers", async ({ page }) => {
  for (const path of [paths.threads(), paths.newThread(), paths.approvals(), paths.settings()]) {
    const response = await page.goto(`${gateway.url}${path}`);
    const headers = response?.headers() ?? {};
    expect(headers["content-security-policy"]).toContain("connect-src 'self'");
    expect(headers["content-security-policy"]).not.toContain("unsafe-inline");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    await expect(page.locator("h1")).toBeVisible();
  }
});
