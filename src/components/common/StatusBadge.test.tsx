import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { StepStatus, ThreadStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { StatusBadge } from "./StatusBadge";
import { stepStatusView, threadStatusView } from "./statusView";

const threadStatuses = Object.values(ThreadStatus).filter((v): v is ThreadStatus => typeof v === "number");
const stepStatuses = Object.values(StepStatus).filter((v): v is StepStatus => typeof v === "number");

describe("status views", () => {
  it("give every status its own label, so colour is never the only signal", () => {
    const threadLabels = threadStatuses.map((s) => threadStatusView(s).label);
    const stepLabels = stepStatuses.map((s) => stepStatusView(s).label);
    expect(new Set(threadLabels).size).toBe(threadStatuses.length);
    expect(new Set(stepLabels).size).toBe(stepStatuses.length);
    expect(threadStatusView(ThreadStatus.PAUSED)).toEqual({ label: "Paused", tone: "warning", icon: "pause" });
    expect(stepStatusView(StepStatus.WAITING).label).toBe("Waiting for input");
  });

  it("show a value from a newer server as unknown instead of crashing", () => {
    expect(threadStatusView(42 as ThreadStatus)).toEqual({ label: "Unknown (42)", tone: "muted", icon: "question" });
    expect(stepStatusView(9 as StepStatus).label).toBe("Unknown (9)");
  });
});

describe("StatusBadge", () => {
  it("renders the status as text next to a decorative icon", () => {
    const { container } = render(
      <>
        <StatusBadge kind="thread" status={ThreadStatus.FAILED} />
        <StatusBadge kind="step" status={StepStatus.WAITING} compact />
      </>,
    );
    expect(screen.getByText("Failed")).toBeInTheDocument();
    expect(screen.getByText("Waiting for input")).toBeInTheDocument();
    const icons = container.querySelectorAll("svg");
    expect(icons).toHaveLength(2);
    icons.forEach((icon) => expect(icon).toHaveAttribute("aria-hidden", "true"));
    expect(container.querySelector("[data-tone='danger']")).toHaveTextContent("Failed");
  });
});
