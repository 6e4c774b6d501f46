// "Save bundle" of a big fanout thread: the .zip is streamed (each step's file written as its
// record arrives, ~25 bytes an entry kept for the central directory), so the tab's JS heap stays
// flat during the save, and past 65,535 entries the zip carries the ZIP64 end records.
import { readFile } from "node:fs/promises";
import { expect, test } from "./support/fixtures";
import { createThread, waitForStatus } from "./support/sandbox";
import { paths } from "../src/routes";

// Saturates both cores: never beside a timing spec (e2e/support/loadClass.ts).
test.use({ loadClass: "heavy" });

const STEPS = 70_000;

test("Save bundle as .zip of a 70,000-step fanout: every step file, summary.json complete, heap flat during the save", async ({ page, request, context }) => {
  test.setTimeout(240_000);
  const threadId = await createThread(request, "fanout", { steps: STEPS });
  await waitForStatus(request, threadId, "THREAD_STATUS_COMPLETED", 120_000);
  // No File System Access API: the zip goes through the browser's download (the Blob fallback).
  await page.addInitScript(() => {
    delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  await page.goto(paths.thread(threadId));
  await expect(page.locator('[role="treeitem"]').first()).toBeVisible({ timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const heapMb = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    return (metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? Number.NaN) / 2 ** 20;
  };
  const before = await heapMb();

  const downloading = page.waitForEvent("download", { timeout: 200_000 });
  await page.getByRole("button", { name: "Save bundle as .zip" }).click();
  // The heap while the step files are written (after forced GCs): what the save keeps.
  const during: number[] = [];
  const done = page.getByText(/^Saved output\.json/);
  while ((await done.count()) === 0) {
    const note = (await page.locator(".transfer").textContent().catch(() => "")) ?? "";
    if (/steps\/ [\d,]+ of/.test(note)) during.push(await heapMb());
    await page.waitForTimeout(500);
  }
  await expect(done).toContainText(`${STEPS.toLocaleString("en-US")} step files`);
  const download = await downloading;
  const file = test.info().outputPath("bundle.zip");
  await download.saveAs(file);

  const { unzipSync } = await import("fflate");
  const bytes = new Uint8Array(await readFile(file));
  const files = unzipSync(bytes);
  const steps = Object.keys(files).filter((n) => n.startsWith("steps/"));
  expect(steps).toHaveLength(STEPS);
  expect(Object.keys(files)).toContain("output.json");
  const summary = JSON.parse(new TextDecoder().decode(files["summary.json"])) as { thread: { thread_id: string }; steps: { step_path: string }[] };
  expect(summary.thread.thread_id).toBe(threadId);
  expect(summary.steps).toHaveLength(STEPS);
  const first = JSON.parse(new TextDecoder().decode(files["steps/1.json"])) as { step_path: string };
  expect(first.step_path).toBe("1");
  // ZIP64 end-of-central-directory locator before the classic end record (70,000 > 65,535).
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(v.getUint32(bytes.length - 42, true)).toBe(0x07064b50);

  // Holding every step's details (or fflate's per-entry objects) costs ~60 MB at 70,000 steps;
  // streaming keeps the heap within a few MB of where it started.
  const figures = `before ${before.toFixed(1)} MB, during the save at most ${Math.max(...during).toFixed(1)} MB (${during.length} samples after GC)`;
  test.info().annotations.push({ type: "heap", description: figures });
  console.log(`bundle of ${STEPS} steps: JS heap ${figures}`);
  expect(during.length).toBeGreaterThan(0);
  expect(Math.max(...during) - before).toBeLessThan(25);
});
