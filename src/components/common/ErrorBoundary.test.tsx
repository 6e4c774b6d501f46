import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { ErrorBoundary } from "./ErrorBoundary";

let shouldThrow = true;
function Fragile() {
  if (shouldThrow) throw new Error("chart data is malformed");
  return <p>Chart drawn</p>;
}

beforeEach(() => {
  shouldThrow = true;
  // React logs caught render errors; they are expected here.
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("ErrorBoundary", () => {
  it("renders the error with a way out instead of a blank area, and the rest keeps working", () => {
    render(
      <>
        <p>Other panel</p>
        <ErrorBoundary title="The charts could not be drawn">
          <Fragile />
        </ErrorBoundary>
      </>,
    );
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("The charts could not be drawn");
    expect(alert).toHaveTextContent("chart data is malformed");
    expect(screen.getByRole("button", { name: "Reload" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to threads" })).toHaveAttribute("href", "/threads");
    expect(screen.getByText("Other panel")).toBeInTheDocument();
  });

  it("renders the children again on 'Try again'", async () => {
    render(
      <ErrorBoundary>
        <Fragile />
      </ErrorBoundary>,
    );
    shouldThrow = false;
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(screen.getByText("Chart drawn")).toBeInTheDocument();
  });

  it("clears the error when a reset key changes", async () => {
    function Host() {
      const [key, setKey] = useState(1);
      return (
        <>
          <button type="button" onClick={() => setKey((k) => k + 1)}>
            next
          </button>
          <ErrorBoundary resetKeys={[key]}>
            <Fragile />
          </ErrorBoundary>
        </>
      );
    }
    render(<Host />);
    expect(screen.getByRole("alert")).toBeInTheDocument();
    shouldThrow = false;
    await userEvent.click(screen.getByRole("button", { name: "next" }));
    expect(screen.getByText("Chart drawn")).toBeInTheDocument();
  });
});
