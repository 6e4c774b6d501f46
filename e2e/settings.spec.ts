import { resolve } from "node:path";
import { startChildServer, type ChildServer } from "../server/testing/childServer";
import { expect, test } from "./support/fixtures";
import { scriptumClient } from "./support/sandbox";

test("Test connection on /settings shows the sandbox's version", async ({ page }) => {
  const { version } = await scriptumClient().healthCheck({});
  expect(version).not.toBe("");

  await page.goto("/");
  await expect(page).toHaveURL(/\/threads$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/^Connected — server version .+ \(\d+ ms\)$/)).toHaveText(
    new RegExp(`^Connected — server version ${escapeRegExp(version)} \\(\\d+ ms\\)$`),
  );
});

test("a wrong endpoint shows the exact error, keeps what was typed and saves nothing", async ({
  page,
  pageProblems,
}) => {
  // Same origin (the served CSP only lets the page connect to its own origin and the configured
  // endpoint) but no Scriptum there: the server answers with an HTTP error (404 or 405), which
  // the browser logs itself.
  pageProblems.allow(/Failed to load resource: the server responded with a status of 40\d/);
  await page.goto("/settings");
  const wrong = new URL("/not-scriptum", page.url()).href;
  const endpoint = page.getByRole("textbox", { name: /Endpoint/ });
  await endpoint.fill(wrong);
  await page.getByRole("button", { name: "Test connection" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Connection failed" });
  await expect(alert).toBeVisible();
  // The code name the client derived from the HTTP status (UNIMPLEMENTED for 404, UNKNOWN for 405).
  await expect(alert.locator(".error-message__code")).toHaveText(/^(UNIMPLEMENTED|UNKNOWN)$/);
  await expect(alert.locator(".error-message__text")).not.toBeEmpty();
  await expect(page.getByText("with the values in this form, which are not saved yet")).toBeVisible();
  await expect(endpoint).toHaveValue(wrong);
  await expect(page.getByText("Unsaved changes")).toBeVisible();
});

test("the token is kept for the session only unless remembered, and never in the URL", async ({ page }) => {
  await page.goto("/settings");
  await page.getByLabel(/^Token/).fill("e2e-token");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();

  const stored = () =>
    page.evaluate(() => ({
      local: Object.values({ ...localStorage }).join("\n"),
      session: Object.values({ ...sessionStorage }).join("\n"),
      url: location.href,
    }));
  expect(await stored()).toMatchObject({ session: "e2e-token" });
  expect((await stored()).local).not.toContain("e2e-token");

  await page.getByRole("checkbox", { name: "Remember on this device" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  let now = await stored();
  expect(now.local).toContain("e2e-token");
  expect(now.session).not.toContain("e2e-token");

  await page.getByRole("checkbox", { name: "Remember on this device" }).uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  now = await stored();
  expect(now.local).not.toContain("e2e-token");
  expect(now.url).not.toContain("e2e-token");
});

const STATIC_DIR = resolve(process.env.SCRIPTUM_E2E_STATIC_DIR ?? "dist");

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// UNAUTHENTICATED from every call → one clear prompt to fix the connection, not a retry loop.
// Against a server of this test's own that requires a token (like a real deployment).
test.describe("a server that requires a token", () => {
  const TOKEN = "s3cret";
  let server: ChildServer | undefined;
  let baseUrl = "";

  test.beforeAll(async () => {
    server = await startChildServer({ staticDir: STATIC_DIR, seedThreads: 20, faultInjection: false, extra: ["--require-token", TOKEN] });
    baseUrl = server.url;
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("no token: exactly one prompt linking to /settings, no retry loop; with the token the list loads", async ({
    page,
    pageProblems,
  }) => {
    test.setTimeout(90_000);
    // The browser logs each refused call itself.
    pageProblems.allow(/status of 401/);
    const calls: string[] = [];
    page.on("request", (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith("/dodil.scriptum.v1.ScriptumService/")) calls.push(pathname.split("/").pop() ?? "");
    });

    await page.goto(`${baseUrl}/threads`);
    const prompt = page.getByRole("alert").filter({ hasText: "The server refused the credentials." });
    await expect(prompt).toHaveCount(1);
    await expect(prompt).toContainText("UNAUTHENTICATED");
    const link = prompt.getByRole("link", { name: "Fix the connection in Settings" });
    await expect(link).toHaveAttribute("href", "/settings");

    // Watch for ~10 s: no more calls (no retry, no polling against a refusing server), still one prompt.
    const afterPrompt = calls.length;
    await page.waitForTimeout(10_000);
    const during = calls.slice(afterPrompt);
    test.info().annotations.push({
      type: "calls",
      description: `${afterPrompt} before the prompt (${calls.slice(0, afterPrompt).join(", ")}), ${during.length} in the 10 s after`,
    });
    expect(during, `calls while the prompt was shown: ${during.join(", ")}`).toEqual([]);
    expect(afterPrompt, `calls before the prompt: ${calls.join(", ")}`).toBeLessThanOrEqual(6);
    // One prompt to fix the connection (the page's own panel says what failed, without a second prompt).
    await expect(prompt).toHaveCount(1);
    await expect(page.getByRole("link", { name: "Fix the connection in Settings" })).toHaveCount(1);

    await link.click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(prompt).toContainText("Check the token and organization below, then save.");
    await page.getByLabel(/^Token/).fill(TOKEN);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved", { exact: true })).toBeVisible();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Threads" }).click();
    const table = page.getByTestId("threads-table");
    await expect.poll(async () => Number(await table.getAttribute("data-row-count"))).toBeGreaterThan(0);
    await expect(page.getByRole("alert").filter({ hasText: "refused the credentials" })).toHaveCount(0);
    expect(page.url()).not.toContain(TOKEN);
  });
});
