// The step tree and failure triage against the sandbox: deep links, keyboard navigation, and
// "Compare with last success".
import { expect, test } from "./support/fixtures";
import { createThread, waitForStatus } from "./support/sandbox";
import { paths } from "../src/routes";

test.describe("step tree", () => {
  test("a fanout deep link selects the failing step, shows its error, and the keyboard moves the selection", async ({ page, request }) => {
    const threadId = await createThread(request, "fanout", { steps: 2000, fail_at: "1.5.3" });
    await waitForStatus(request, threadId, "THREAD_STATUS_FAILED");
    await page.goto(paths.threadStep(threadId, "1.5.3"));

    const tree = page.getByRole("tree", { name: "Steps" });
    const selected = tree.locator('[role="treeitem"][aria-selected="true"]');
    await expect(selected).toHaveAttribute("data-path", "1.5.3");
    await expect(selected).toHaveAttribute("aria-level", "3");
    await expect(selected).toBeInViewport();
    const detail = page.getByRole("region", { name: /Step 1\.5\.3/ });
    await expect(detail.getByRole("group", { name: "Step error" })).toContainText("1.5.3");

    // The triage summary names the same step.
    await expect(page.getByTestId("failure-triage")).toContainText("First failing step 1.5.3");

    await tree.focus();
    await page.keyboard.press("ArrowDown");
    await expect(selected).toHaveAttribute("data-path", "1.5.4");
    await expect(page).toHaveURL(new RegExp(`/threads/${threadId}/steps/1\\.5\\.4$`));
    await page.keyboard.press("ArrowUp");
    await expect(selected).toHaveAttribute("data-path", "1.5.3");
    await page.keyboard.press("ArrowLeft");
    await expect(selected).toHaveAttribute("data-path", "1.5");
    await page.keyboard.press("Home");
    await expect(selected).toHaveAttribute("data-path", "1");
    await expect(tree).toHaveAttribute("aria-activedescendant", (await selected.getAttribute("id")) ?? "");

    // "Next failure" from the top goes back to the root cause.
    await page.getByRole("button", { name: "Next failure" }).click();
    await expect(selected).toHaveAttribute("data-path", "1.5.3");
  });

  test("a step with 20,000-character unbroken tokens in its name, error and output does not widen the page", async ({ page, request }) => {
    // flaky-report's test hooks: label → step 1.1's name and output; error_detail → step 1.2.0's
    // error (and the thread's).
    const token = (c: string) => c.repeat(20_000);
    const threadId = await createThread(request, "flaky-report", { label: token("L"), error_detail: token("E") });
    await waitForStatus(request, threadId, "THREAD_STATUS_FAILED");
    const horizontalOverflow = () =>
      page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });

    await page.goto(paths.threadStep(threadId, "1.2.0"));
    const failing = page.getByRole("region", { name: /Step 1\.2\.0/ });
    await expect(failing.getByRole("group", { name: "Step error" })).toContainText("EEEE");
    await expect(page.getByTestId("failure-triage")).toContainText("1.2.0");
    expect(await horizontalOverflow()).toBe(0);

    await page.goto(paths.threadStep(threadId, "1.1", "output"));
    const named = page.getByRole("region", { name: /Step 1\.1 · aggregate L{100}/ });
    await expect(named).toBeVisible();
    await expect(named.getByRole("tabpanel")).toContainText("LLLL");
    await expect(page.locator('[role="treeitem"][data-path="1.1"]')).toContainText("LLLL");
    expect(await horizontalOverflow()).toBe(0);
    // The detail stays within its column: nothing spills over the tree beside it.
    const tree = await page.getByRole("region", { name: "Step tree" }).boundingBox();
    const detail = await named.boundingBox();
    expect(tree !== null && detail !== null && detail.x >= tree.x + tree.width - 1).toBe(true);
  });

  test("an unknown step path says so plainly", async ({ page, request }) => {
    const threadId = await createThread(request, "fanout", { steps: 50 });
    await waitForStatus(request, threadId, "THREAD_STATUS_COMPLETED");
    await page.goto(paths.threadStep(threadId, "9.9.9"));
    await expect(page.getByText("This thread has no step 9.9.9.")).toBeVisible();
  });
});

test.describe("failure triage", () => {
  test("Compare with last success on a failed flaky-report thread shows the diff", async ({ page, request }) => {
    const threadId = await createThread(request, "flaky-report", { page_size: "A5" });
    await waitForStatus(request, threadId, "THREAD_STATUS_FAILED");
    await page.goto(paths.thread(threadId));
    const triage = page.getByTestId("failure-triage");
    await expect(triage).toContainText("First failing step 1.2.0");
    await expect(triage).toContainText("A5");
    await triage.getByRole("button", { name: "Compare with last success" }).click();
    await expect(triage.getByRole("heading", { name: /Compared with thr_/ })).toBeVisible();
    const inputDiff = triage.getByRole("table", { name: "Input of step 1.2.0: last success and this run" });
    const row = inputDiff.getByRole("row").filter({ hasText: "$.page_size" });
    await expect(row).toContainText('"A5"');
    await expect(row).toContainText("changed");
    // The step statuses differ at the failing step.
    await expect(triage.getByRole("table").last()).toContainText("1.2.0");
  });
});

test("a 20,000-character value in a step's output can be read in full: show all, rows cut to the view's width", async ({ page, request }) => {
  const long = `START${"L".repeat(20_000)}END`;
  const threadId = await createThread(request, "flaky-report", { label: long });
  await waitForStatus(request, threadId, "THREAD_STATUS_FAILED");
  await page.goto(paths.threadStep(threadId, "1.1", "output"));
  const view = page.getByRole("group", { name: "Step 1.1 output" });
  await expect(view).toContainText("START");
  // The row shows the start of the value and offers all of it.
  const showAll = view.getByRole("button", { name: /Show all of label \(20,010 characters\)/ });
  await showAll.click();
  await expect(view.getByRole("button", { name: /Fold label/ })).toHaveAttribute("aria-expanded", "true");
  await expect(view.locator(".json-row--text").first()).toBeVisible();

  // Scroll the (virtualized) view from top to bottom, gathering the text rows by index: together
  // they are the whole value, and no row is clipped or wider than the view.
  const seen = await view.evaluate(async (el) => {
    const got: Record<string, string> = {};
    let clipped = 0;
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    for (let top = 0; ; top += Math.max(20, el.clientHeight - 44)) {
      el.scrollTop = top;
      await nextFrame();
      for (const row of el.querySelectorAll<HTMLElement>(".json-row--text")) {
        got[row.dataset["index"] ?? "?"] = row.textContent ?? "";
        if (row.scrollWidth > row.clientWidth) clipped++;
      }
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) break;
    }
    return { got, clipped, overflow: el.scrollWidth - el.clientWidth };
  });
  const rows = Object.keys(seen.got).map(Number).sort((a, b) => a - b);
  expect(rows[0]).toBe(0);
  expect(rows[rows.length - 1]).toBe(rows.length - 1);
  expect(rows.map((i) => seen.got[String(i)]).join("")).toBe(JSON.stringify(long));
  expect(seen.clipped).toBe(0);
  expect(seen.overflow).toBe(0);
  expect(await page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth - (document.scrollingElement ?? document.documentElement).clientWidth)).toBe(0);

  // A narrower window cuts the rows again to the new width.
  await page.setViewportSize({ width: 900, height: 800 });
  await expect
    .poll(() => view.locator(".json-row--text").evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).length))
    .toBe(0);
  await expect(view.locator(".json-row--text").first()).toBeVisible();
});
