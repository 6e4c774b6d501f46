// How the console starts (src/main.tsx): the entry loads the framework and the app in steps, and
// index.html preloads every part of that boot; a part that cannot load is said plainly.
import { expect, test } from "./support/fixtures";

test("index.html preloads every script of the boot, and /threads shows its rows", async ({ page, request }) => {
  const html = await (await request.get("/threads")).text();
  const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1] ?? "");
  // The framework, the Connect runtime and the app.
  expect(preloaded.length).toBeGreaterThanOrEqual(3);
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script" || r.url().endsWith(".js")) scripts.push(new URL(r.url()).pathname);
  });
  await page.goto("/threads");
  await expect(page.getByRole("main")).toHaveAttribute("data-route", "threads");
  await expect(page.getByTestId("threads-table")).toBeVisible();
  await expect(page.getByText("Loading Scriptum Console…")).toHaveCount(0);
  // Each preloaded file is one the boot really uses, fetched once.
  for (const file of preloaded) expect(scripts.filter((s) => s === file), file).toHaveLength(1);
});

test.describe("a part of the app that cannot load", () => {
  test.use({ allowedConsoleErrors: [/Failed to load|net::ERR_FAILED|Failed to fetch dynamically imported module/] });

  test("says so as text, instead of staying on 'Loading…'", async ({ page, request }) => {
    const html = await (await request.get("/threads")).text();
    const app = /href="(\/assets\/App-[^"]+\.js)"/.exec(html)?.[1];
    expect(app, "index.html preloads the app's chunk").toBeDefined();
    await page.route(`**${app}`, (route) => route.abort());
    await page.goto("/threads");
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("Scriptum Console could not start");
    await expect(alert).toContainText("Reload the page to try again.");
    await expect(page.locator("#root b, #root script")).toHaveCount(0);
  });
});
