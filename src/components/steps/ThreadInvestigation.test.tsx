import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryRouter, RouterProvider } from "react-router";
import { StepStatus, ThreadStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { fakeScriptum, type FakeStep, type FakeThread } from "../../api/steps/testing/fakeScriptum";
import { AppProviders } from "../../AppProviders";
import { createTestQueryClient } from "../../test/renderApp";
import { routePatterns } from "../../routes";
import { ThreadInvestigation } from "./ThreadInvestigation";

function Page() {
  return <ThreadInvestigation threadId="thr_bad" />;
}

function fanout(): FakeStep[] {
  const steps: FakeStep[] = [];
  for (let a = 1; a <= 3; a++) {
    steps.push({ path: String(a), name: `group ${a}`, status: a === 1 ? StepStatus.FAILED : StepStatus.COMPLETED });
    for (let b = 0; b <= 10; b++) {
      const path = `${a}.${b}`;
      const failing = path === "1.5";
      steps.push({
        path,
        name: `leaf ${path}`,
        tool: "compute",
        status: failing ? StepStatus.FAILED : StepStatus.COMPLETED,
        error: failing ? "ValueError: fail_at 1.5 reached" : "",
        input: JSON.stringify({ index: b, region: failing ? "eu" : "us" }),
        output: failing ? "" : JSON.stringify({ ok: true }),
      });
    }
  }
  return steps;
}

const bad: FakeThread = { threadId: "thr_bad", scriptName: "fanout", status: ThreadStatus.FAILED, error: "step 1.5 failed", createdAtMs: 5000, steps: fanout() };
const good: FakeThread = {
  threadId: "thr_good",
  scriptName: "fanout",
  status: ThreadStatus.COMPLETED,
  createdAtMs: 1000,
  steps: fanout().map((s) => ({ ...s, status: StepStatus.COMPLETED, error: "", input: s.path === "1.5" ? JSON.stringify({ index: 5, region: "us" }) : s.input, output: s.path === "1.5" ? '{"ok":true}' : s.output })),
};

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { path: routePatterns.thread, element: <Page /> },
      { path: routePatterns.threadStep, element: <Page /> },
    ],
    { initialEntries: [path] },
  );
  render(
    <AppProviders transport={fakeScriptum([bad, good])} queryClient={createTestQueryClient()}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return router;
}

const selectedItem = () => screen.getAllByRole("treeitem").find((el) => el.getAttribute("aria-selected") === "true");

describe("ThreadInvestigation", () => {
  it("opens a deep link with that step selected in the tree and its error shown", async () => {
    renderAt("/threads/thr_bad/steps/1.5");
    await waitFor(() => expect(selectedItem()?.getAttribute("data-path")).toBe("1.5"));
    expect(selectedItem()).toHaveAttribute("aria-level", "2");
    const detail = await screen.findByRole("region", { name: /Step 1\.5/ });
    expect(await within(detail).findByText("ValueError: fail_at 1.5 reached")).toBeInTheDocument();
  });

  it("hides successful branches on a failed thread, and walks failures", async () => {
    const router = renderAt("/threads/thr_bad");
    const tree = await screen.findByRole("tree", { name: "Steps" });
    await waitFor(() => expect(within(tree).getAllByRole("treeitem").map((el) => el.getAttribute("data-path"))).toEqual(["1", "1.5"]));
    fireEvent.click(screen.getByRole("button", { name: "First failure" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/threads/thr_bad/steps/1.5"));
    fireEvent.click(screen.getByLabelText("Hide successful branches"));
    await waitFor(() => expect(within(tree).getAllByRole("treeitem").length).toBeGreaterThan(10));
  });

  it("moves the selection with the keyboard and keeps the URL in step", async () => {
    const router = renderAt("/threads/thr_bad/steps/1.5");
    const tree = await screen.findByRole("tree", { name: "Steps" });
    await waitFor(() => expect(selectedItem()?.getAttribute("data-path")).toBe("1.5"));
    fireEvent.click(screen.getByLabelText("Hide successful branches"));
    await waitFor(() => expect(within(tree).getAllByRole("treeitem").length).toBeGreaterThan(10));
    act(() => tree.focus());
    fireEvent.keyDown(tree, { key: "ArrowDown" });
    await waitFor(() => expect(selectedItem()?.getAttribute("data-path")).toBe("1.6"));
    expect(router.state.location.pathname).toBe("/threads/thr_bad/steps/1.6");
    fireEvent.keyDown(tree, { key: "ArrowLeft" });
    await waitFor(() => expect(selectedItem()?.getAttribute("data-path")).toBe("1"));
    expect(tree).toHaveAttribute("aria-activedescendant", selectedItem()?.id);
    // jsdom does not scroll, so the last row is not rendered here: the URL says where it went.
    fireEvent.keyDown(tree, { key: "End" });
    await waitFor(() => expect(router.state.location.pathname).toBe("/threads/thr_bad/steps/3.10"));
  });

  it("says plainly when a step path does not exist", async () => {
    renderAt("/threads/thr_bad/steps/9.9");
    expect(await screen.findByText("This thread has no step 9.9.")).toBeInTheDocument();
  });

  it("summarises the failure first and compares it with the last success", async () => {
    const router = renderAt("/threads/thr_bad");
    const triage = await screen.findByTestId("failure-triage");
    expect(await within(triage).findByText(/First failing step/)).toBeInTheDocument();
    expect(await within(triage).findByText("ValueError: fail_at 1.5 reached")).toBeInTheDocument();
    fireEvent.click(within(triage).getByRole("button", { name: "Compare with last success" }));
    expect(await within(triage).findByRole("link", { name: "thr_good" })).toBeInTheDocument();
    const inputDiff = await within(triage).findByRole("table", { name: "Input of step 1.5: last success and this run" });
    const row = within(inputDiff).getByText("$.region").closest("tr") as HTMLElement;
    expect(within(row).getByText('"us"')).toBeInTheDocument();
    expect(within(row).getByText('"eu"')).toBeInTheDocument();
    fireEvent.click(within(triage).getByRole("button", { name: "Go to step 1.5" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/threads/thr_bad/steps/1.5"));
  });

  it("says the deployment does not list artifacts yet, not an error", async () => {
    renderAt("/threads/thr_bad");
    const details = (await screen.findByText("Artifacts")).closest("details") as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event("toggle"));
    expect(await screen.findByText("This deployment does not list artifacts yet.")).toBeInTheDocument();
  });
});
