import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryRouter, RouterProvider } from "react-router";
import { StepStatus, ThreadStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { fakeScriptum, watchEvent, type FakeThread } from "../../api/steps/testing/fakeScriptum";
import { AppProviders } from "../../AppProviders";
import { createTestQueryClient } from "../../test/renderApp";
import { routePatterns } from "../../routes";
import { ThreadInvestigation } from "./ThreadInvestigation";

const bigOutput = JSON.stringify({ rows: Array.from({ length: 40 }, (_, i) => ({ id: i, label: `row-${i}` })) });
const thread: FakeThread = {
  threadId: "thr_1",
  scriptName: "big-export",
  status: ThreadStatus.COMPLETED,
  output: '{"done":true}',
  steps: [
    { path: "1", status: StepStatus.COMPLETED, input: JSON.stringify({ q: "x".repeat(300) }), output: bigOutput, logsUrl: "javascript:alert(1)" },
    { path: "2", status: StepStatus.COMPLETED, input: "{}", output: '{"n":2}', logsUrl: "https://logs.example.com/run/2" },
  ],
};

function renderAt(path: string, options: Parameters<typeof fakeScriptum>[1] = {}) {
  const router = createMemoryRouter(
    [
      { path: routePatterns.thread, element: <ThreadInvestigation threadId="thr_1" /> },
      { path: routePatterns.threadStep, element: <ThreadInvestigation threadId="thr_1" /> },
    ],
    { initialEntries: [path] },
  );
  render(
    <AppProviders transport={fakeScriptum([thread], { displayCap: 200, ...options })} queryClient={createTestQueryClient()}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return router;
}

describe("step detail", () => {
  it("says how much of a truncated output it shows, and loads the full one", async () => {
    renderAt("/threads/thr_1/steps/1?tab=output");
    const detail = await screen.findByRole("region", { name: /Step 1/ });
    const note = await within(detail).findByRole("note");
    expect(note).toHaveTextContent("showing 200 B of");
    fireEvent.click(within(detail).getByRole("button", { name: "Load full output" }));
    await waitFor(() => expect(within(detail).queryByRole("button", { name: "Load full output" })).toBeNull());
    expect(await within(detail).findByText("[ 40 items ]")).toBeInTheDocument();
  });

  it("says a full input cannot be had today when the service does not chunk it", async () => {
    renderAt("/threads/thr_1/steps/1?tab=input");
    const detail = await screen.findByRole("region", { name: /Step 1/ });
    expect(await within(detail).findByRole("note")).toHaveTextContent("only chunks step outputs today");
    fireEvent.click(within(detail).getByRole("button", { name: "Load full input" }));
    expect(await within(detail).findByText(/did not send the full input/)).toBeInTheDocument();
  });

  it("opens a logs URL only when it is http(s), with noopener noreferrer", async () => {
    const router = renderAt("/threads/thr_1/steps/2?tab=logs");
    const link = await screen.findByRole("link", { name: "Open logs" });
    expect(link).toHaveAttribute("href", "https://logs.example.com/run/2");
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
    await router.navigate("/threads/thr_1/steps/1?tab=logs");
    expect(await screen.findByText(/not http\(s\); it is not opened/)).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Open logs" })).toBeNull();
  });

  it("switches tabs through the URL", async () => {
    const router = renderAt("/threads/thr_1/steps/2");
    fireEvent.click(await screen.findByRole("tab", { name: "Output" }));
    await waitFor(() => expect(router.state.location.search).toBe("?tab=output"));
    expect(screen.getByRole("tab", { name: "Output" })).toHaveAttribute("aria-selected", "true");
  });

  it("adds steps that the thread's events report after the snapshot", async () => {
    renderAt("/threads/thr_1", {
      events: () => [watchEvent(1, { case: "stepStarted", value: { stepPath: "3", name: "late-step", primitive: "tool", tool: "t", attempt: 1 } })],
    });
    const tree = await screen.findByRole("tree", { name: "Steps" });
    await waitFor(() => expect(within(tree).getByText("late-step")).toBeInTheDocument(), { timeout: 3000 });
    expect(within(tree).getAllByRole("treeitem").map((el) => el.getAttribute("data-path"))).toEqual(["1", "2", "3"]);
  });
});
