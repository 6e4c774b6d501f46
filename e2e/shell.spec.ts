import { expect, test } from "./support/fixtures";
import { samplePaths, type RouteId } from "./support/routes";
import { scriptumClient } from "./support/sandbox";

test.describe("every route renders a page", () => {
  let threadId = "";
  test.beforeAll(async () => {
    const { threads } = await scriptumClient().listThreads({ pageSize: 1 });
    threadId = threads[0]?.threadId ?? "thr_missing";
  });

  for (const routeId of [
    "threads",
    "thread",
    "threadStep",
    "approvals",
    "approval",
    "newThread",
    "settings",
  ] satisfies RouteId[]) {
    test(routeId, async ({ page }) => {
      const path = samplePaths(threadId)[routeId];
      await page.goto(path);
      const main = page.getByRole("main");
      await expect(main).toHaveAttribute("data-route", routeId);
      await expect(main.getByRole("heading", { level: 1 }).first()).toBeVisible();
      await expect(page.getByText("Loading…")).toHaveCount(0);
      await expect(page.locator(".error-fallback")).toHaveCount(0);
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      await expect(page).toHaveTitle(/· Scriptum Console$/);
    });
  }
});

test("/ opens the thread history", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/threads$/);
  await expect(page.getByRole("main")).toHaveAttribute("data-route", "threads");
});

test("an unknown path shows the not-found page", async ({ page }) => {
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("/no/such/page");
  await page.getByRole("main").getByRole("link", { name: "Threads" }).click();
  await expect(page).toHaveURL(/\/threads$/);
});

test("keyboard: skip link first, then navigation shortcuts", async ({ page }) => {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();

  await page.keyboard.press("g");
  await page.keyboard.press("a");
  await expect(page).toHaveURL(/\/approvals$/);
  await expect(page.getByRole("main")).toHaveAttribute("data-route", "approvals");
});

test("the theme follows the system and can be forced", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/settings");
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await background();
  await page.getByRole("radio", { name: "Light" }).check();
  const light = await background();
  expect(light).not.toBe(dark);
  // Kept across a reload, applied before the app renders (public/theme-init.js).
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
  expect(await background()).toBe(light);
});
