import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { invoiceAsk } from "../../api/asks/testing/askFixtures";
import { FakeApprovalsService } from "../../api/asks/testing/fakeApprovalsService";
import { precondition } from "../../api/asks/testing/fakeScriptum";
import { RetryWithCorrectedInput } from "./RetryWithCorrectedInput";
import { renderWithService } from "./testing/renderWithService";

afterEach(() => sessionStorage.clear());

describe("RetryWithCorrectedInput", () => {
  it("opens on a click, pre-filled from the step's last input, and resumes with the correction", async () => {
    const fake = new FakeApprovalsService();
    fake.addFailedRecoverable("thr_f", "1.2.0", { template: "q", page_size: "A5", pages: 12 });
    const user = userEvent.setup();
    renderWithService(<RetryWithCorrectedInput threadId="thr_f" stepPath="1.2.0" />, fake.transport());
    const open = await screen.findByRole("button", { name: "Retry with corrected input" });
    expect(screen.queryByLabelText(/^page_size/)).toBeNull();
    await user.click(open);
    expect(screen.getByLabelText(/^pages/)).toHaveValue("12");
    await user.clear(screen.getByLabelText(/^page_size/));
    await user.type(screen.getByLabelText(/^page_size/), "A4");
    await user.click(screen.getByRole("button", { name: "Resume with this input" }));
    expect(await screen.findByText(/Correction sent\. The thread is running again/)).toBeInTheDocument();
    expect(fake.resumeCalls().map((call) => call.body)).toEqual(['{"template":"q","page_size":"A4","pages":12}']);
  });

  it("finds the failed step itself when no step path is given", async () => {
    const fake = new FakeApprovalsService();
    fake.addFailedRecoverable("thr_f", "1.2.0", { page_size: "A5" });
    renderWithService(<RetryWithCorrectedInput threadId="thr_f" stepPath="" defaultOpen />, fake.transport());
    expect(await screen.findByLabelText(/^page_size/)).toHaveValue("A5");
  });

  it("explains a thread someone else already retried", async () => {
    const fake = new FakeApprovalsService();
    fake.addFailedRecoverable("thr_f", "1.2.0", { page_size: "A5" });
    fake.beforeResume = () => {
      throw precondition("THREAD_NOT_PAUSED", "thread thr_f is not paused (status: running)");
    };
    const user = userEvent.setup();
    renderWithService(<RetryWithCorrectedInput threadId="thr_f" stepPath="1.2.0" defaultOpen />, fake.transport());
    await user.click(await screen.findByRole("button", { name: "Resume with this input" }));
    expect(await screen.findByText(/already retried/)).toBeInTheDocument();
  });

  it("renders nothing for a thread that is not failed at a recoverable step", async () => {
    const fake = new FakeApprovalsService();
    fake.addPaused("thr_p", invoiceAsk());
    const { container } = renderWithService(<RetryWithCorrectedInput threadId="thr_p" stepPath="3" />, fake.transport());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(container).toBeEmptyDOMElement();
  });
});
