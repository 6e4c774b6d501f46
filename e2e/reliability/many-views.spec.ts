// Issue 8, scenario 8: many live views. 8 live thread views in one browser profile (so one
// HTTP/1.1 pool of ~6 connections per origin), of which 3 are visible (three windows side by
// side, one visible tab each) and 5 are background tabs (hidden: headless Chromium never hides a
// page by itself, so the Page Visibility API is emulated and a visibilitychange dispatched).
// Hidden tabs must stop streaming; unary calls from any tab still answer within 1 s.
// QUICK: 10 timed unary calls per visible tab. FULL: 100.
import type { Page } from "@playwright/test";
import { paths } from "../../src/routes";
import { rpcPath } from "../support/sandbox";
import { connection, count, createThread, expect, FULL, openStreams, report, test } from "./support";


async function emulateVisibility(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __setHidden: (hidden: boolean) => void };
    let hidden = false;
    Object.defineProperty(Document.prototype, "hidden", { configurable: true, get: () => hidden });
    Object.defineProperty(Document.prototype, "visibilityState", { configurable: true, get: () => (hidden ? "hidden" : "visible") });
    w.__setHidden = (value) => {
      hidden = value;
      document.dispatchEvent(new Event("visibilitychange"));
    };
  });
}

const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate((h) => (window as unknown as { __setHidden: (hidden: boolean) => void }).__setHidden(h), hidden);

/** A GetThread made by the page itself (same connection pool as its streams); elapsed ms. */
async function timedUnary(page: Page, threadId: string): Promise<number> {
  return page.evaluate(async ([id, path]) => {
    const started = performance.now();
    const res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ threadId: id }),
      signal: AbortSignal.timeout(15_000),
    });
    await res.text();
    return performance.now() - started;
  }, [threadId, rpcPath("GetThread")] as const);
}

test("scenario 8: 8 live views, 3 visible — hidden tabs stop streaming, unary calls answer within 1 s", { tag: "@alone" }, async ({
  context,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const samples = count(10, 100);
  const threads: string[] = [];
  for (let i = 0; i < 8; i++) threads.push(await createThread(request, "ticker", { seconds: 600, rate: 2 }));
  const pages: Page[] = [];
  for (const [i, threadId] of threads.entries()) {
    const p = i === 0 ? page : await context.newPage();
    await emulateVisibility(p);
    await p.goto(paths.thread(threadId));
    await expect(connection(p)).toHaveText(/Live|Polling|Connecting|Reconnecting/);
    pages.push(p);
    // The first 5 become background tabs once they are open (a user opening links in new tabs).
    if (i < 5) await setHidden(p, true);
  }
  const visible = pages.slice(5);
  const hidden = pages.slice(0, 5);
  for (const p of visible) await expect(connection(p)).toHaveText(/Live/, { timeout: 20_000 });

  // Hidden tabs stop streaming: the server sees at most the visible views' streams.
  await expect.poll(() => openStreams(request), { timeout: 10_000, message: "open streams on the server" }).toBeLessThanOrEqual(visible.length);
  const streamsWhileHidden = await openStreams(request);

  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    for (const [i, p] of [...visible, hidden[0] as Page].entries()) times.push(await timedUnary(p, threads[(i + s) % threads.length] ?? ""));
  }
  let slow = times.filter((t) => t > 1_000);
  // The quick run (npm test) shares 2 cores with another Playwright worker, whose CPU-bound specs
  // can stall one call for a second or two. What this scenario guards against, a connection pool
  // held by streams, makes every call slow, so a slow call is asked again at once: it fails only
  // if it is slow again. The full run (alone on the machine) takes every call as it came.
  const retried: number[] = [];
  if (!FULL && slow.length > 0 && slow.length <= 2) {
    for (let i = 0; i < slow.length; i++) retried.push(await timedUnary(visible[0] as Page, threads[0] ?? ""));
    slow = retried.filter((t) => t > 1_000);
  }

  // A background tab brought to the front goes Live again, and the timeline catches up.
  const back = hidden[0] as Page;
  await setHidden(back, false);
  await expect(connection(back)).toHaveText(/Live/, { timeout: 20_000 });

  report({
    scenario: "8 many live views",
    trials: times.length,
    failures: slow.length + (streamsWhileHidden > visible.length ? 1 : 0),
    notes: `${streamsWhileHidden} open streams with ${visible.length} visible of 8 views; unary max ${Math.round(Math.max(...times))} ms${retried.length > 0 ? `; ${retried.length} slow call(s) asked again: ${retried.map((t) => Math.round(t)).join(", ")} ms` : ""}`,
  });
  expect(slow, `unary calls slower than 1 s (of ${times.length})`).toEqual([]);
});
