import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveStatusAnnouncer } from "./LiveStatusAnnouncer";

describe("LiveStatusAnnouncer", () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it("does not announce the first status, announces a change, and throttles the next ones", () => {
    const { rerender } = render(<LiveStatusAnnouncer message="Running" />);
    const region = screen.getByTestId("live-announcer");
    expect(region).toHaveTextContent("");

    rerender(<LiveStatusAnnouncer message="Paused: waiting for input" />);
    expect(region).toHaveTextContent("Paused: waiting for input");

    act(() => vi.advanceTimersByTime(1_000));
    rerender(<LiveStatusAnnouncer message="Running" />);
    rerender(<LiveStatusAnnouncer message="Completed" />);
    // Inside the 5 s window: nothing new yet.
    expect(region).toHaveTextContent("Paused: waiting for input");
    act(() => vi.advanceTimersByTime(3_900));
    expect(region).toHaveTextContent("Paused: waiting for input");
    act(() => vi.advanceTimersByTime(200));
    // Only the latest change is spoken.
    expect(region).toHaveTextContent("Completed");
  });
});
