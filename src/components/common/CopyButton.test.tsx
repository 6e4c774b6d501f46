import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { CopyButton } from "./CopyButton";

describe("CopyButton", () => {
  it("copies the value and says so", async () => {
    const user = userEvent.setup();
    render(<CopyButton value="thr_01HX" label="Copy thread id" />);
    await user.click(screen.getByRole("button", { name: /Copy thread id/ }));
    expect(await navigator.clipboard.readText()).toBe("thr_01HX");
    expect(screen.getByRole("status")).toHaveTextContent("Copied");
  });
});
