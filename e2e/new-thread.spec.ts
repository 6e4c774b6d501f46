// /new against the real server (sandbox Scriptum): create a thread from the typed form and follow
// it live; malformed JSON sends nothing; a refusal of the service lands on its field.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { recordRpcRequests } from "./support/sandbox";
import { paths } from "../src/routes";

/** Every CreateThread request the page sends from now on. */
const recordCreateRequests = (page: Page) => recordRpcRequests(page, "CreateThread");

async function chooseScript(page: Page, name: string): Promise<void> {
  const select = page.getByRole("combobox", { name: /^Script/ });
  await expect(select.locator("option", { hasText: name })).toHaveCount(1);
  await select.selectOption(name);
}

test("creates a thread with the typed form and follows it live", async ({ page }) => {
  const sent = recordCreateRequests(page);
  await page.goto(paths.newThread());
  await page.getByRole("searchbox", { name: "Find a script" }).fill("invoice");
  await chooseScript(page, "invoice-parser");
  await page.getByRole("textbox", { name: /invoice_id/ }).fill("INV-E2E-1");
  await page.getByRole("button", { name: "Add metadata" }).click();
  await page.getByRole("textbox", { name: "Metadata key 1" }).fill("source");
  await page.getByRole("textbox", { name: "Metadata value 1" }).fill("e2e");
  await page.getByRole("button", { name: "Create thread" }).click();

  await expect(page).toHaveURL(/\/threads\/[^/?#]+$/);
  expect(sent).toHaveLength(1);
  const threadId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
  expect(threadId).not.toBe("");
  // The live view: the status moves on without a reload (invoice-parser stops at its ask).
  await expect(page.getByTestId("thread-status")).toBeVisible();
  await expect(page.getByTestId("thread-status")).toContainText("Paused", { timeout: 20_000 });

  // The draft was used up: /new starts empty again.
  await page.goto(paths.newThread());
  await expect(page.getByRole("combobox", { name: /^Script/ })).toHaveValue("");
});

test("malformed JSON in the raw editor shows an error and sends nothing", async ({ page }) => {
  const sent = recordCreateRequests(page);
  await page.goto(paths.newThread());
  await chooseScript(page, "invoice-parser");
  await expect(page.getByRole("textbox", { name: /invoice_id/ })).toBeVisible();
  await page.getByRole("radio", { name: "JSON" }).check();
  const editor = page.getByRole("textbox", { name: "Input JSON" });
  await editor.fill('{"invoice_id": "INV-1",');
  await expect(page.getByText(/JSON syntax error/)).toBeVisible();
  await page.getByRole("button", { name: "Create thread" }).click();

  await expect(editor).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("new-thread-errors")).toContainText("The input is not valid JSON");
  await expect(page).toHaveURL(/\/new$/);
  expect(sent).toHaveLength(0);
});

test("a value the service refuses is shown on its field, and the draft survives a reload", async ({ page, pageProblems }) => {
  // The refusal is an HTTP 400 (Connect's INVALID_ARGUMENT), which Chromium logs: expected here.
  pageProblems.allow(/status of 400 .*\/CreateThread/);
  const sent = recordCreateRequests(page);
  await page.goto(paths.newThread());
  await chooseScript(page, "big-export");
  const mb = page.getByRole("textbox", { name: /^mb/ });
  await mb.fill("0");
  await page.getByRole("button", { name: "Create thread" }).click();

  // Well-typed, so it is sent; the sandbox refuses it with a BadRequest field violation on "mb".
  await expect(mb).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("must be more than 0 and at most 4096").first()).toBeVisible();
  expect(sent).toHaveLength(1);
  await expect(page).toHaveURL(/\/new$/);

  await page.reload();
  await expect(page.getByRole("textbox", { name: /^mb/ })).toHaveValue("0");
});
