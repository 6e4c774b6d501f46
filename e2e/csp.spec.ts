// The served console's security headers on every page, and no Content-Security-Policy violation
// while each page is used (the support fixture fails a test on any securitypolicyviolation; this
// spec also checks the list itself after each page). Against the sandbox of playwright.config.ts,
// started without --direct-endpoint: connect-src is the console's own origin only.
import type { APIRequestContext, Page, Response } from "@playwright/test";
import { expect, test, type PageProblems } from "./support/fixtures";
import { samplePaths } from "./support/routes";
import { createThread, waitForStatus } from "./support/sandbox";

/** The directives of a policy: name → sources, in order. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name !== undefined && name !== "") map.set(name.toLowerCase(), sources);
  }
  return map;
}

function expectSecurityHeaders(response: Response | null, path: string) {
  expect(response, `${path}: a response`).not.toBeNull();
  const headers = response?.headers() ?? {};
  const policy = headers["content-security-policy"] ?? "";
  expect(policy, `${path}: Content-Security-Policy`).not.toBe("");
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).not.toContain("unsafe-eval");
  const parsed = directives(policy);
  expect(parsed.get("connect-src"), `${path}: connect-src`).toEqual(["'self'"]);
  expect(parsed.get("script-src"), `${path}: script-src`).toEqual(["'self'"]);
  expect(parsed.get("style-src"), `${path}: style-src`).toEqual(["'self'"]);
  expect(parsed.get("frame-ancestors"), `${path}: frame-ancestors`).toEqual(["'none'"]);
  expect(parsed.get("object-src")).toEqual(["'none'"]);
  expect(headers["x-content-type-options"], `${path}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${path}: Referrer-Policy`).toBe("no-referrer");
}

/** Uses what every page has: the theme (restyles the page), keyboard focus, the go-to shortcuts. */
async function useShell(page: Page) {
  const toggle = page.locator(".theme-toggle");
  for (let i = 0; i < 3; i++) await toggle.click();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
}

async function settle(page: Page) {
  await expect(page.getByRole("main").getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.getByText("Loading…")).toHaveCount(0);
}

function expectNoViolations(problems: PageProblems, path: string) {
  expect(problems.cspViolations, `${path}: CSP violations`).toEqual([]);
}

async function pausedInvoiceThread(request: APIRequestContext): Promise<string> {
  const threadId = await createThread(request, "invoice-parser", { invoice_id: `INV-CSP-${Date.now()}` });
  await waitForStatus(request, threadId, "THREAD_STATUS_PAUSED");
  return threadId;
}

test("every page carries the CSP and the security headers, and using it reports no violation", async ({
  page,
  request,
  pageProblems,
}) => {
  test.setTimeout(120_000);
  const threadId = await pausedInvoiceThread(request);
  const pages = samplePaths(threadId);
  const visits: { path: string; use?: (page: Page) => Promise<void> }[] = [
    {
      path: pages.threads,
      use: async (p) => {
        await expect.poll(async () => Number(await p.getByTestId("threads-table").getAttribute("data-row-count"))).toBeGreaterThan(0);
      },
    },
    { path: pages.thread, use: async (p) => void (await expect(p.getByTestId("thread-status")).toBeVisible()) },
    { path: pages.threadStep },
    { path: pages.approvals },
    { path: pages.approval },
    {
      path: pages.newThread,
      use: async (p) => {
        await p.getByRole("combobox", { name: /^Script/ }).selectOption("invoice-parser");
        await expect(p.getByRole("textbox", { name: /^invoice_id/ })).toBeVisible();
      },
    },
    {
      path: pages.settings,
      use: async (p) => {
        await p.getByRole("button", { name: "Test connection" }).click();
        await expect(p.getByText(/^Connected — server version/)).toBeVisible();
        await expect(p.getByTestId("console-mode")).toHaveText(/^Mode: sandbox/);
      },
    },
    { path: "/no/such/page" },
  ];

  for (const visit of visits) {
    const response = await page.goto(visit.path);
    expectSecurityHeaders(response, visit.path);
    await settle(page);
    await visit.use?.(page);
    await useShell(page);
    expectNoViolations(pageProblems, visit.path);
  }

  // Client-side navigation between pages (no new document) stays clean too.
  await page.goto(pages.threads);
  await settle(page);
  for (const key of ["a", "n", "s", "t"]) {
    await page.locator("body").press("g");
    await page.locator("body").press(key);
    await settle(page);
  }
  expectNoViolations(pageProblems, "client-side navigation");
});

test("the app's own scripts and styles are served with nosniff and their real types", async ({ page }) => {
  const assets: Response[] = [];
  page.on("response", (response) => {
    if (/\.(js|css)$/.test(new URL(response.url()).pathname)) assets.push(response);
  });
  await page.goto("/threads");
  await settle(page);
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets) {
    const headers = asset.headers();
    expect(headers["x-content-type-options"], asset.url()).toBe("nosniff");
    expect(headers["content-type"], asset.url()).toMatch(/^(text\/javascript|application\/javascript|text\/css)/);
  }
});
