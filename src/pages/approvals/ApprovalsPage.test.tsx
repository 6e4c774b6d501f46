import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Code, ConnectError } from "@connectrpc/connect";
import { afterEach, describe, expect, it, vi } from "vitest";
import { invoiceAsk } from "../../api/asks/testing/askFixtures";
import { FakeApprovalsService } from "../../api/asks/testing/fakeApprovalsService";
import { ASK_POLL_MS, INBOX_POLL_MS } from "../../hooks/useApprovalsInbox";
import { renderApp } from "../../test/renderApp";

afterEach(() => sessionStorage.clear());

function service() {
  const fake = new FakeApprovalsService();
  fake.addPaused("thr_never", invoiceAsk({ prompt: "Approve INV-never?" }), { startedAtMs: 1_000n });
  fake.addPaused("thr_soon", invoiceAsk({ prompt: "Approve INV-soon?", expiresAtMs: BigInt(Date.now() + 600_000) }), {
    startedAtMs: 3_000n,
  });
  fake.addPaused("thr_old", invoiceAsk({ prompt: "Approve INV-old?" }), { startedAtMs: 500n });
  return fake;
}

function entryLinks() {
  return within(screen.getByRole("list", { name: "Waiting asks" })).getAllByRole("link");
}

describe("ApprovalsPage inbox", () => {
  it("lists every paused thread across pages (repeating token), sorted, with the count in the title", async () => {
    const fake = service();
    renderApp("/approvals", { transport: fake.transport() });
    await waitFor(() => expect(entryLinks()).toHaveLength(3), { timeout: 5_000 });
    await waitFor(() => expect(entryLinks()[0]).toHaveTextContent("Approve INV-soon?"));
    expect(entryLinks().map((link) => link.getAttribute("data-thread-id"))).toEqual(["thr_soon", "thr_old", "thr_never"]);
    const first = entryLinks()[0]!;
    expect(first).toHaveTextContent("invoice-parser");
    expect(first).toHaveTextContent("approved: yes/no*, amount: number*, currency: USD|EUR|GBP*, note: text");
    expect(first).toHaveTextContent(/expires in 9m 5\ds|expires in 10m 00s/);
    expect(first).toHaveTextContent("3 of 3 attempts left");
    expect(entryLinks()[1]).toHaveTextContent("no expiry");
    await waitFor(() => expect(document.title).toBe("(3) Approvals · Scriptum Console"));
  });

  it("polls the list, but reads each waiting ask once (not every few seconds per thread)", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const fake = service();
      renderApp("/approvals", { transport: fake.transport() });
      await waitFor(() => expect(entryLinks()).toHaveLength(3), { timeout: 5_000 });
      const reads = () => fake.calls.filter((call) => call.method === "getThreadResult").length;
      const listed = () => fake.calls.filter((call) => call.method === "listThreads").length;
      const readsAtStart = reads();
      const listedAtStart = listed();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(3 * INBOX_POLL_MS + 500);
      });
      expect(listed()).toBeGreaterThanOrEqual(listedAtStart + 3);
      expect(reads()).toBe(readsAtStart);
      // The safety net: every ask is read again after ASK_POLL_MS.
      await act(async () => {
        await vi.advanceTimersByTimeAsync(ASK_POLL_MS);
      });
      expect(reads()).toBeGreaterThanOrEqual(readsAtStart + 3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("moves with j and k and opens with the link", async () => {
    const fake = service();
    const user = userEvent.setup();
    const { router } = renderApp("/approvals", { transport: fake.transport() });
    await waitFor(() => expect(entryLinks()).toHaveLength(3), { timeout: 5_000 });
    await user.keyboard("j");
    expect(entryLinks()[0]).toHaveFocus();
    await user.keyboard("jj");
    expect(entryLinks()[2]).toHaveFocus();
    await user.keyboard("k");
    expect(entryLinks()[1]).toHaveFocus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(router.state.location.pathname).toBe("/approvals/thr_old"));
    expect(await screen.findByRole("heading", { name: /invoice-parser thr_old/ })).toBeInTheDocument();
  });
});

describe("ApprovalsPage ask form", () => {
  async function openAsk(fake: FakeApprovalsService, threadId = "thr_old") {
    const rendered = renderApp(`/approvals/${threadId}`, { transport: fake.transport() });
    await screen.findByRole("button", { name: "Send answer" }, { timeout: 5_000 });
    return rendered;
  }

  it("builds the typed form: labels, required, descriptions, exactly the currency options", async () => {
    await openAsk(service());
    const amount = screen.getByLabelText(/^amount/);
    expect(amount).toHaveAttribute("aria-required", "true");
    expect(amount).toHaveAccessibleDescription("Amount to pay");
    expect(screen.getByRole("checkbox", { name: /approved/ })).not.toBeChecked();
    const currency = screen.getByRole("group", { name: /currency/ });
    expect(within(currency).getAllByRole("radio").map((radio) => radio.getAttribute("value"))).toEqual(["USD", "EUR", "GBP"]);
    expect(screen.getByLabelText(/^note/)).toHaveAttribute("aria-required", "false");
  });

  it("an empty or non-numeric amount shows an inline error and sends nothing", async () => {
    const fake = service();
    const user = userEvent.setup();
    await openAsk(fake);
    await user.click(screen.getByRole("radio", { name: "EUR" }));
    await user.click(screen.getByRole("button", { name: "Send answer" }));
    const amount = screen.getByLabelText(/^amount/);
    expect(amount).toHaveAttribute("aria-invalid", "true");
    expect(amount).toHaveAccessibleDescription(/amount is required/);
    await user.type(amount, "12a");
    await user.click(screen.getByRole("button", { name: "Send answer" }));
    expect(amount).toHaveAccessibleDescription(/amount must be a number/);
    expect(screen.getByRole("alert")).toHaveTextContent("amount must be a number");
    expect(fake.resumeCalls()).toEqual([]);
  });

  it("sends exactly the answer once, even on a double click and Enter, then shows the thread running", async () => {
    const fake = service();
    let release: () => void = () => undefined;
    fake.beforeResume = () => new Promise<void>((resolve) => (release = resolve));
    const user = userEvent.setup();
    await openAsk(fake);
    await user.click(screen.getByRole("checkbox", { name: /approved/ }));
    await user.type(screen.getByLabelText(/^amount/), "1250.5");
    await user.click(screen.getByRole("radio", { name: "GBP" }));
    const send = screen.getByRole("button", { name: "Send answer" });
    await user.dblClick(send);
    fireEvent.submit(send.closest("form")!);
    expect(screen.getByRole("button", { name: "Sending…" })).toBeDisabled();
    await act(async () => release());
    expect(await screen.findByText(/Answer sent\. The thread is running again/)).toBeInTheDocument();
    expect(fake.resumeCalls()).toEqual([
      { method: "resume", threadId: "thr_old", body: '{"approved":true,"amount":1250.5,"currency":"GBP"}' },
    ]);
    expect(screen.getByRole("link", { name: /Open thread thr_old/ })).toHaveAttribute("href", "/threads/thr_old");
    await waitFor(() => expect(entryLinks().map((link) => link.getAttribute("data-thread-id"))).not.toContain("thr_old"));
  });

  it("Ctrl+Enter sends", async () => {
    const fake = service();
    const user = userEvent.setup();
    await openAsk(fake);
    await user.type(screen.getByLabelText(/^amount/), "5");
    await user.click(screen.getByRole("radio", { name: "USD" }));
    await user.keyboard("{Control>}{Enter}{/Control}");
    await screen.findByText(/Answer sent/);
    expect(fake.resumeCalls()).toHaveLength(1);
  });

  it("puts a server field violation on its field, keeps the draft and updates attempts left", async () => {
    const fake = service();
    const user = userEvent.setup();
    await openAsk(fake);
    await user.type(screen.getByLabelText(/^amount/), "-3");
    await user.click(screen.getByRole("radio", { name: "USD" }));
    await user.click(screen.getByRole("button", { name: "Send answer" }));
    const amount = screen.getByLabelText(/^amount/);
    await waitFor(() => expect(amount).toHaveAccessibleDescription(/must be greater than 0/));
    expect(amount).toHaveValue("-3");
    expect(screen.getByText(/rejected this answer and counted it as an attempt/)).toBeInTheDocument();
    const panel = screen.getByRole("region", { name: /invoice-parser thr_old/ });
    await waitFor(() => expect(within(panel).getByTestId("ask-attempts")).toHaveTextContent("2 of 3 attempts left"));
  });

  it("explains 'already answered' with the thread's status and a link, keeping the draft", async () => {
    const fake = service();
    const user = userEvent.setup();
    await openAsk(fake);
    await user.type(screen.getByLabelText(/^amount/), "10");
    await user.click(screen.getByRole("radio", { name: "EUR" }));
    fake.answerElsewhere("thr_old");
    await user.click(screen.getByRole("button", { name: "Send answer" }));
    const alert = await screen.findByText(/already answered/);
    const box = alert.closest(".notice") as HTMLElement;
    expect(box).toHaveTextContent(/completed/i);
    expect(within(box).getByRole("link", { name: /Open thread thr_old/ })).toHaveAttribute("href", "/threads/thr_old");
    expect(screen.getByLabelText(/^amount/)).toHaveValue("10");
    expect(screen.getByRole("button", { name: "Send answer" })).toBeDisabled();
  });

  it("explains an expired ask", async () => {
    const fake = service();
    fake.addPaused("thr_exp", invoiceAsk({ expiresAtMs: BigInt(Date.now() - 1000) }));
    const user = userEvent.setup();
    await openAsk(fake, "thr_exp");
    expect(screen.getByRole("region", { name: /thr_exp/ })).toHaveTextContent("expired");
    await user.type(screen.getByLabelText(/^amount/), "10");
    await user.click(screen.getByRole("radio", { name: "EUR" }));
    await user.click(screen.getByRole("button", { name: "Send answer" }));
    expect(await screen.findByText(/This ask has expired/)).toBeInTheDocument();
  });

  it("after a network error, checks the thread before sending again and never resumes twice", async () => {
    const fake = service();
    fake.beforeResume = () => {
      // The answer is applied, but the response is lost on the way back.
      fake.answerElsewhere("thr_old");
      throw new ConnectError("connection reset", Code.Unavailable);
    };
    const user = userEvent.setup();
    await openAsk(fake);
    await user.type(screen.getByLabelText(/^amount/), "10");
    await user.click(screen.getByRole("radio", { name: "EUR" }));
    await user.click(screen.getByRole("button", { name: "Send answer" }));
    expect(await screen.findByText(/Could not reach the service/)).toBeInTheDocument();
    fake.beforeResume = null;
    await user.click(screen.getByRole("button", { name: "Send answer" }));
    expect(await screen.findByText(/already answered/)).toBeInTheDocument();
    expect(fake.resumeCalls()).toHaveLength(1);
  });

  it("keeps the draft when navigating away and back", async () => {
    const fake = service();
    const user = userEvent.setup();
    const { router } = await openAsk(fake);
    await user.type(screen.getByLabelText(/^amount/), "77");
    await user.type(screen.getByLabelText(/^note/), "check VAT");
    await act(() => router.navigate("/approvals/thr_never"));
    await waitFor(() => expect(screen.getByLabelText(/^amount/)).toHaveValue(""));
    await act(() => router.navigate("/approvals/thr_old"));
    await waitFor(() => expect(screen.getByLabelText(/^amount/)).toHaveValue("77"));
    expect(screen.getByLabelText(/^note/)).toHaveValue("check VAT");
  });

  it("offers a JSON answer editor when the ask describes no fields", async () => {
    const fake = service();
    fake.addPaused("thr_raw", invoiceAsk({ prompt: "" }), {});
    const entry = fake.get("thr_raw");
    entry.ask = null;
    entry.thread.currentStepPath = "3";
    // No ask at all: the step detail is empty and the form falls back to JSON.
    const user = userEvent.setup();
    renderApp("/approvals/thr_raw", { transport: fake.transport() });
    const editor = await screen.findByLabelText(/Answer \(JSON object\)/, undefined, { timeout: 5_000 });
    await user.clear(editor);
    await user.type(editor, "[[1]");
    await user.click(screen.getByRole("button", { name: "Send answer" }));
    expect(screen.getByRole("alert")).toHaveTextContent("The answer must be a JSON object");
    expect(fake.resumeCalls()).toEqual([]);
  });

  it("reads the ask from input_data when StepDetail.ask is missing", async () => {
    const fake = service();
    fake.addPaused("thr_input", invoiceAsk({ prompt: "From input_data" }), { askInInputOnly: true });
    renderApp("/approvals/thr_input", { transport: fake.transport() });
    expect(await screen.findByRole("radio", { name: "GBP" }, { timeout: 5_000 })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: /thr_input/ })).toHaveTextContent("From input_data");
  });
});

describe("ApprovalsPage on a failed recoverable thread", () => {
  it("retries with corrected input, pre-filled from the step's last input", async () => {
    const fake = new FakeApprovalsService();
    fake.addFailedRecoverable("thr_flaky", "1.2.0", { template: "quarterly", page_size: "A5", pages: 12 });
    const user = userEvent.setup();
    renderApp("/approvals/thr_flaky", { transport: fake.transport() });
    expect(await screen.findByText(/page size A5 is not supported/, { selector: "pre" }, { timeout: 5_000 })).toBeInTheDocument();
    const pageSize = await screen.findByLabelText(/^page_size/);
    expect(pageSize).toHaveValue("A5");
    await user.clear(pageSize);
    await user.type(pageSize, "A4");
    await user.click(screen.getByRole("button", { name: "Resume with this input" }));
    expect(await screen.findByText(/Correction sent/)).toBeInTheDocument();
    expect(fake.resumeCalls()).toEqual([
      { method: "resume", threadId: "thr_flaky", body: '{"template":"quarterly","page_size":"A4","pages":12}' },
    ]);
  });
});
