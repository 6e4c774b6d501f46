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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
