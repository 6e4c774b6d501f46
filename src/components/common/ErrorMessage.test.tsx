import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema } from "../../api/gen/google/rpc/error_details_pb";
import { ErrorMessage } from "./ErrorMessage";

describe("ErrorMessage", () => {
  it("shows the code name and the server's message", () => {
    render(<ErrorMessage error={new ConnectError("thread thr_9 not found", Code.NotFound)} title="Could not load" />);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Could not load");
    expect(within(alert).getByText("NOT_FOUND")).toBeInTheDocument();
    expect(within(alert).getByText("thread thr_9 not found")).toBeInTheDocument();
  });

  it("lists field violations", () => {
    const error = new ConnectError("bad answer", Code.InvalidArgument, undefined, [
      { desc: BadRequestSchema, value: { fieldViolations: [{ field: "amount", description: "must be a number" }] } },
    ]);
    render(<ErrorMessage error={error} />);
    const list = screen.getByRole("list", { name: "Fields the server rejected" });
    expect(list).toHaveTextContent("amount: must be a number");
  });

  it("renders markup in messages as text, never as HTML", () => {
    const { container } = render(
      <ErrorMessage error={new ConnectError('<img src=x onerror="alert(1)">', Code.Internal)} />,
    );
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByText('<img src=x onerror="alert(1)">')).toBeInTheDocument();
  });
});
