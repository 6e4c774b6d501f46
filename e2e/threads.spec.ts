// The thread history and a live thread against the sandbox, then the same live view under
// injected faults. Faults are global to the server: the fault tests run serially, at the end of
// this file, and every one of them puts the faults back to ok.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { createThread, FAULTS_URL, resumeThread, scriptumClient, serverSequenceRanges, setFaults } from "./support/sandbox";
import { paths } from "../src/routes";
import { ThreadStatus } from "../src/api/gen/dodil/scriptum/v1/scriptum_pb";

export const invoiceAnswer = { approved: true, amount: 42.5, currency: "EUR" };

export function timeline(page: Page) {
  return page.getByTestId("event-timeline");
}

/** Records every text the connection indicator shows from now on (window.__connectionHistory). */
export async function recordConnectionStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __connectionHistory: string[] };
    w.__connectionHistory = [];
    const read = () => {
      const el = document.querySelector('[data-testid="connection-state"]');
      const text = el?.textContent ?? "";
      if (w.__connectionHistory[w.__connectionHistory.length - 1] !== text) w.__connectionHistory.push(text);
    };
    read();
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

export async function connectionHistory(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __connectionHistory: string[] }).__connectionHistory);
}


const shots = process.env.SCREENSHOT_DIR;

test.describe("thread history", () => {
  test("lists the seeded threads, newest first, with filters from the URL", async ({ page }) => {
    await page.goto(paths.threads());
    const table = page.getByTestId("threads-table");
    await expect(table).toBeVisible();
    await expect.poll(async () => Number(await table.getAttribute("data-row-count"))).toBeGreaterThan(0);
    // Charts load on demand only (entry-size budget): nothing until the disclosure is opened.
    const chartsToggle = page.getByTestId("charts-toggle");
    await expect(chartsToggle).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByTestId("chart-window")).toHaveCount(0);
    await chartsToggle.click();
    await expect(chartsToggle).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByTestId("chart-window")).toContainText("Computed from the latest");
    if (shots) await page.screenshot({ path: `${shots}/threads.png`, fullPage: true });

    await page.goto(paths.threads({ status: "failed" }));
    await expect(page.getByRole("button", { name: "Failed" })).toHaveAttribute("aria-pressed", "true");
    const rows = page.locator(".threads-row");
    await expect(rows.first()).toBeVisible();
    const statuses = await rows.locator(".status-badge__label").allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["Failed"]));
  });

  test("an invalid filter value gets a notice, not a crash", async ({ page }) => {
    await page.goto("/threads?status=exploded");
    await expect(page.getByTestId("filter-notice")).toContainText('Unknown status "exploded"');
    await expect(page.getByTestId("threads-table")).toBeVisible();
  });

  test("paging of a filtered query ends with a notice and lists no thread twice", async ({ page }) => {
    await page.goto(paths.threads({ status: "completed" }));
    const table = page.getByTestId("threads-table");
    await expect(table).toBeVisible();
    // Scroll until paging ends (infinite scroll asks for the next page at the end).
    await expect
      .poll(
        async () => {
          await page.locator(".threads-table__scroll").evaluate((el) => el.scrollTo(0, el.scrollHeight));
          return (await page.getByTestId("paging-notice").count()) + (await page.getByText("All threads loaded.").count());
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    const { threads } = await scriptumClient().listThreads({ pageSize: 1000, statusFilter: ThreadStatus.COMPLETED });
    const count = Number(await table.getAttribute("data-row-count"));
    expect(count).toBeLessThanOrEqual(threads.length);
  });

  test("the search box opens a thread by id", async ({ page, request }) => {
    const threadId = await createThread(request, "ticker", { seconds: 1, rate: 2 });
    await page.goto(paths.threads());
    await page.getByRole("searchbox", { name: "Thread id" }).fill(threadId);
    await page.getByRole("button", { name: "Open" }).click();
    await expect(page).toHaveURL(new RegExp(`/threads/${threadId}$`));
    await expect(page.getByTestId("thread-status")).toContainText("Completed", { timeout: 15_000 });
  });

  test("a row shows its first metadata labels as text, the rest in its tooltip", async ({ page, request }) => {
    const threadId = await createThread(request, "ticker", { seconds: 1, rate: 1 }, { team: "<b>ops</b>", env: "prod", a: "1", z: "last", m: "mid" });
    await page.goto(paths.threads({ script: "ticker" }));
    const labels = page.locator(`[data-thread-id="${threadId}"] .metadata-summary`);
    await expect(labels).toHaveText("a=1 · env=prod · m=mid · +2", { timeout: 15_000 });
    await expect(labels).toHaveAttribute("title", "a=1\nenv=prod\nm=mid\nteam=<b>ops</b>\nz=last");
    await expect(page.locator(`[data-thread-id="${threadId}"] b`)).toHaveCount(0);
  });

  test("a new thread is offered at the top while the page is open", async ({ page, request }) => {
    await page.goto(paths.threads({ script: "ticker" }));
    await expect(page.getByTestId("threads-table")).toBeVisible();
    const before = Number(await page.getByTestId("threads-table").getAttribute("data-row-count"));
    const threadId = await createThread(request, "ticker", { seconds: 1, rate: 1 });
    const offer = page.getByTestId("new-threads");
    if (before > 0) {
      await expect(offer).toBeVisible({ timeout: 15_000 });
      await offer.click();
    }
    await expect(page.locator(`[data-thread-id="${threadId}"]`)).toBeVisible({ timeout: 15_000 });
  });
});

test.describe("a live thread", () => {
  test("progresses live, without reload", async ({ page, request }) => {
    // Ticker time is wall-clock (not sped up): long enough to still be running once the page is
    // live, even on a loaded machine.
    const threadId = await createThread(request, "ticker", { seconds: 10, rate: 4 });
    await page.goto(paths.thread(threadId));
    await expect(page.getByTestId("connection-state")).toHaveText(/Live/);
    const counts = new Set<number>();
    await expect
      .poll(async () => {
        counts.add(Number(await timeline(page).getAttribute("data-event-count")));
        return counts.size;
      }, { intervals: [150] , timeout: 15_000 })
      .toBeGreaterThanOrEqual(3);
    if (shots) await page.screenshot({ path: `${shots}/thread-live.png`, fullPage: true });
    await expect(page.getByTestId("thread-status")).toContainText("Completed", { timeout: 30_000 });
    await expect(page.getByTestId("connection-state")).toContainText("Final");
    await expect(timeline(page)).toHaveAttribute("data-sequence-ranges", await serverSequenceRanges(request, threadId));
  });

  test("a fresh invoice-parser turns paused without reload, then completes after a resume", async ({ page, request }) => {
    const threadId = await createThread(request, "invoice-parser", { invoice_id: "INV-1" });
    await page.goto(paths.thread(threadId));
    await expect(page.getByTestId("thread-status")).toContainText("Paused", { timeout: 10_000 });
    const waiting = page.getByTestId("waiting-for-input");
    await expect(waiting).toContainText("approve-amount");
    await expect(waiting.getByRole("link", { name: "Answer it in Approvals" })).toHaveAttribute("href", paths.approval(threadId));
    await expect(page.getByTestId("connection-state")).toHaveText(/Live/);
    if (shots) await page.screenshot({ path: `${shots}/thread-paused.png`, fullPage: true });

    await resumeThread(request, threadId, invoiceAnswer);
    await expect(page.getByTestId("thread-status")).toContainText("Completed", { timeout: 15_000 });
    await expect(page.getByTestId("waiting-for-input")).toHaveCount(0);
    await expect(timeline(page)).toHaveAttribute("data-sequence-ranges", await serverSequenceRanges(request, threadId));
  });

  test("a missing thread says so", async ({ page, pageProblems }) => {
    pageProblems.allow(/status of 404/);
    await page.goto(paths.thread("thr_does_not_exist"));
    await expect(page.getByRole("alert")).toContainText("NOT_FOUND");
  });
});

test.describe("under injected faults", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ baseURL: FAULTS_URL });

  test.afterEach(async ({ request }) => {
    await setFaults(request, { reset: true });
  });

  test("dropStreams mid-run: Reconnecting, then Live, and the timeline equals the server's log", async ({ page, request }) => {
    // Long enough to still run after the reconnect, even on a loaded machine.
    const threadId = await createThread(request, "ticker", { seconds: 15, rate: 4 });
    await page.goto(paths.thread(threadId));
    const connection = page.getByTestId("connection-state");
    await expect(connection).toHaveText(/Live/);
    await expect.poll(async () => Number(await timeline(page).getAttribute("data-event-count"))).toBeGreaterThan(3);
    await recordConnectionStates(page);

    await setFaults(request, { dropStreams: true });
    await expect(connection).toHaveAttribute("data-reconnects", "1", { timeout: 10_000 });
    await expect(connection).toHaveText(/Live/);
    const states = await connectionHistory(page);
    expect(states.some((s) => /Reconnecting \(attempt 1, next in \d+ s\)/.test(s))).toBe(true);
    const firstReconnecting = states.findIndex((s) => /Reconnecting/.test(s));
    const lastLive = states.findLastIndex((s) => /Live/.test(s));
    expect(firstReconnecting).toBeGreaterThanOrEqual(0);
    expect(lastLive).toBeGreaterThan(firstReconnecting);

    await expect(page.getByTestId("thread-status")).toContainText("Completed", { timeout: 30_000 });
    await expect(timeline(page)).toHaveAttribute("data-sequence-ranges", await serverSequenceRanges(request, threadId));
  });

  test('{"watch":"unimplemented"}: Polling every N s, and the thread still reaches its end', async ({ page, request }) => {
    await setFaults(request, { watch: "unimplemented" });
    const threadId = await createThread(request, "invoice-parser", { invoice_id: "INV-1" });
    await page.goto(paths.thread(threadId));
    const connection = page.getByTestId("connection-state");
    await expect(connection).toHaveText(/Polling every \d+ s/);
    await expect(page.getByTestId("thread-status")).toContainText("Paused", { timeout: 10_000 });
    await expect(page.getByTestId("waiting-for-input")).toBeVisible();
    await resumeThread(request, threadId, invoiceAnswer);
    await expect(page.getByTestId("thread-status")).toContainText("Completed", { timeout: 20_000 });
    await expect(connection).toContainText("Final");
  });

  test('{"watch":"buffer"}: Polling every N s, then the end, with the whole log once the buffer flushes', async ({ page, request }) => {
    await setFaults(request, { watch: "buffer" });
    const threadId = await createThread(request, "invoice-parser", { invoice_id: "INV-2" });
    await page.goto(paths.thread(threadId));
    const connection = page.getByTestId("connection-state");
    await expect(connection).toHaveText(/Polling every \d+ s/, { timeout: 10_000 });
    await expect(page.getByTestId("thread-status")).toContainText("Paused", { timeout: 10_000 });
    await resumeThread(request, threadId, invoiceAnswer);
    await expect(page.getByTestId("thread-status")).toContainText("Completed", { timeout: 20_000 });
    await expect(connection).toContainText("Final");
    await expect(timeline(page)).toHaveAttribute("data-sequence-ranges", await serverSequenceRanges(request, threadId));
  });
});
