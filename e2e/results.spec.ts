// Results against the sandbox: a big output is truncated by the unary call, and the full
// download (streamed through StreamThreadResult) is exactly output_total_bytes of valid JSON.
import { readFile, stat } from "node:fs/promises";
import { expect, test } from "./support/fixtures";
import { createThread, scriptumClient } from "./support/sandbox";
import { ThreadStatus } from "../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { paths } from "../src/routes";

test("a 6 MiB big-export output: truncation notice, then a full download of exactly output_total_bytes of valid JSON", async ({ page, request }) => {
  const threadId = await createThread(request, "big-export", { mb: 6 });
  const client = scriptumClient();
  await expect.poll(async () => (await client.getThread({ threadId })).status, { timeout: 60_000 }).toBe(ThreadStatus.COMPLETED);
  const meta = await client.getThreadResult({ threadId, metadataOnly: true, outputOnly: true });
  const total = Number(meta.outputTotalBytes);
  expect(total).toBeGreaterThan(4 * 1024 * 1024);

  // No File System Access API: the download goes through the browser (the fallback path).
  await page.addInitScript(() => {
    delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  await page.goto(paths.thread(threadId));
  const notice = page.getByTestId("output-truncated");
  await expect(notice).toContainText("Output truncated: showing 4.0 MiB of");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download full output" }).click()]);
  const file = test.info().outputPath("output.json");
  await download.saveAs(file);
  expect((await stat(file)).size).toBe(total);
  const parsed = JSON.parse(await readFile(file, "utf8")) as unknown;
  expect(parsed).not.toBeNull();
  await expect(page.getByText(/Downloaded 6\.\d MiB/)).toBeVisible();
});

test("Save bundle as .zip writes output.json, summary.json and steps/", async ({ page, request }) => {
  const threadId = await createThread(request, "fanout", { steps: 30 });
  const client = scriptumClient();
  await expect.poll(async () => (await client.getThread({ threadId })).status, { timeout: 30_000 }).toBe(ThreadStatus.COMPLETED);
  await page.addInitScript(() => {
    delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  await page.goto(paths.thread(threadId));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Save bundle as .zip" }).click()]);
  const file = test.info().outputPath("bundle.zip");
  await download.saveAs(file);
  const { unzipSync } = await import("fflate");
  const names = Object.keys(unzipSync(new Uint8Array(await readFile(file))));
  expect(names).toContain("output.json");
  expect(names).toContain("summary.json");
  expect(names.filter((n) => n.startsWith("steps/"))).toHaveLength(30);
});
