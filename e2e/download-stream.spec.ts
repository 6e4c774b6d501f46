// The streamed download fallback (no File System Access API, as in Firefox and Safari): the full
// output goes through the download service worker (public/download-sw.js), byte for byte, under
// the served CSP, and the tab's JS heap does not hold the file while it is downloaded.
import { readFile, stat } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { createThread, scriptumClient } from "./support/sandbox";
import { ThreadStatus } from "../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { paths } from "../src/routes";

// Saturates both cores: never beside a timing spec (e2e/support/loadClass.ts).
test.use({ loadClass: "heavy" });

async function bigExport(request: Parameters<typeof createThread>[0], mb: number): Promise<{ threadId: string; total: number }> {
  const threadId = await createThread(request, "big-export", { mb });
  const client = scriptumClient();
  await expect.poll(async () => (await client.getThread({ threadId })).status, { timeout: 120_000 }).toBe(ThreadStatus.COMPLETED);
  const meta = await client.getThreadResult({ threadId, metadataOnly: true, outputOnly: true });
  return { threadId, total: Number(meta.outputTotalBytes) };
}

async function withoutFilePicker(page: Page): Promise<void> {
  await page.addInitScript(() => {
    delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
}

test("without a file picker, the full output streams through the download service worker, byte for byte", async ({ page, request, pageProblems }) => {
  test.setTimeout(180_000);
  const { threadId, total } = await bigExport(request, 6);
  await withoutFilePicker(page);
  await page.goto(paths.thread(threadId));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download full output" }).click()]);
  const url = new URL(download.url());
  expect(url.origin).toBe(new URL(page.url()).origin);
  expect(url.pathname).toMatch(/^\/__download\/[0-9a-f]{32}\/[A-Za-z0-9._-]+-output\.json$/);
  expect(download.suggestedFilename()).toBe(`${threadId}-output.json`);
  const file = test.info().outputPath("output.json");
  await download.saveAs(file);
  expect((await stat(file)).size).toBe(total);
  expect(JSON.parse(await readFile(file, "utf8"))).not.toBeNull();
  await expect(page.getByText(/Downloaded 6\.\d MiB \(streamed to the browser's downloads\)/)).toBeVisible();
  // The worker is scoped to its download URLs: it controls no page of the app.
  const scopes = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => new URL(r.scope).pathname));
  expect(scopes).toEqual(["/__download/"]);
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
  // A stale download URL is answered by the worker (404), never by the app.
  pageProblems.allow(/404 \(Not Found\) \(http:\/\/127\.0\.0\.1:\d+\/__download\/0{32}\/x\.json/);
  const stale = await page.evaluate(async () => (await fetch("/__download/00000000000000000000000000000000/x.json")).status);
  expect(stale).toBe(404);
});

/** Big enough that the download lasts a while (several heap samples), small enough for 2 shared cores. */
const MB = 192;

test("a 192 MiB streamed download keeps the tab's JS heap bounded", async ({ page, request }) => {
  test.setTimeout(300_000);
  const { threadId, total } = await bigExport(request, MB);
  await withoutFilePicker(page);
  await page.goto(paths.thread(threadId));
  await expect(page.getByTestId("output-truncated")).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const heap = async (): Promise<number> => {
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    return metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? Number.NaN;
  };
  const before = await heap();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download full output" }).click()]);
  expect(new URL(download.url()).pathname).toMatch(/^\/__download\//);
  const done = page.getByText(new RegExp(`Downloaded ${MB}(\\.\\d)? MiB \\(streamed`));
  let peak = before;
  const samples: number[] = [];
  const deadline = Date.now() + 200_000;
  while (!(await done.isVisible()) && Date.now() < deadline) {
    const h = await heap();
    samples.push(h);
    peak = Math.max(peak, h);
    await page.waitForTimeout(100);
  }
  await expect(done).toBeVisible();
  const after = await heap();
  peak = Math.max(peak, after);
  const growthMiB = (peak - before) / 2 ** 20;
  test.info().annotations.push({ type: "heap", description: `before ${(before / 2 ** 20).toFixed(1)} MiB, peak growth ${growthMiB.toFixed(1)} MiB over ${samples.length} samples, after ${((after - before) / 2 ** 20).toFixed(1)} MiB` });
  console.log(`heap: before ${(before / 2 ** 20).toFixed(1)} MiB, peak growth ${growthMiB.toFixed(1)} MiB (${samples.length} samples), after ${((after - before) / 2 ** 20).toFixed(1)} MiB`);
  expect(samples.length).toBeGreaterThan(2);
  expect(peak - before).toBeLessThan(total / 4);
  expect(peak - before).toBeLessThan(32 * 2 ** 20);
  const file = test.info().outputPath("output.json");
  await download.saveAs(file);
  expect((await stat(file)).size).toBe(total);
});
