import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { treeOf } from "../../api/steps/testTree";
import { StepTreeView } from "./StepTreeView";

const noop = () => {};

describe("StepTreeView while a big tree loads", () => {
  it("does not call the top part of a failed thread's tree all successful while the rest loads", () => {
    // A partial tree: the first steps of a failed thread, all successful so far (hidden).
    const partial = treeOf("1:ok", "1.0:ok", "1.1:ok");
    const { rerender } = render(
      <StepTreeView tree={partial} loading threadFailed running={false} selectedPath={undefined} onSelect={noop} onActivate={noop} />,
    );
    expect(screen.getByText("No step to show among the first 3 yet; the rest are loading.")).toBeInTheDocument();
    rerender(<StepTreeView tree={partial} threadFailed running={false} selectedPath={undefined} onSelect={noop} onActivate={noop} />);
    expect(screen.getByText(/All 3 steps succeeded; they are hidden/)).toBeInTheDocument();
  });

  it("shows the rows it has, and says it is loading when it has none", () => {
    const { rerender } = render(
      <StepTreeView tree={treeOf()} loading threadFailed={false} running={false} selectedPath={undefined} onSelect={noop} onActivate={noop} />,
    );
    expect(screen.getByText("Loading steps…")).toBeInTheDocument();
    rerender(<StepTreeView tree={treeOf("1:ok", "2:ok")} loading threadFailed={false} running={false} selectedPath={undefined} onSelect={noop} onActivate={noop} />);
    expect(screen.getAllByRole("treeitem").map((r) => r.getAttribute("data-path"))).toEqual(["1", "2"]);
  });
});
