import { create } from "@bufbuild/protobuf";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { AskSpecSchema, EnumDefSchema, TypeKind } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { colorEnum, everyKindFields, field, typeRef } from "../../api/asks/testing/askFixtures";
import { FakeApprovalsService } from "../../api/asks/testing/fakeApprovalsService";
import { AskAnswerForm } from "./AskAnswerForm";
import { renderWithService } from "./testing/renderWithService";

afterEach(() => sessionStorage.clear());

function everyKindAsk() {
  return create(AskSpecSchema, {
    prompt: "All kinds",
    fields: [
      ...everyKindFields(),
      field("size", typeRef(TypeKind.ENUM, { enumName: "size" }), { description: "Many options" }),
      field("shade", typeRef(TypeKind.ENUM, { enumName: "undeclared" })),
    ],
    attempt: 1,
    maxAttempts: 3,
    enums: [colorEnum, create(EnumDefSchema, { name: "size", values: ["xs", "s", "m", "l", "xl", "xxl", "xxxl"] })],
  });
}

function setup() {
  const fake = new FakeApprovalsService();
  const ask = everyKindAsk();
  fake.addPaused("thr_all", ask);
  // The fake resumes anything that has no amount <= 0.
  renderWithService(<AskAnswerForm threadId="thr_all" stepPath="3" ask={ask} />, fake.transport());
  return fake;
}

describe("AskAnswerForm: a control for every kind", () => {
  it("renders text, whole number, number, yes/no, options, list, object and JSON fields", () => {
    setup();
    expect(screen.getByLabelText(/^title/)).toHaveValue("draft");
    expect(screen.getByLabelText(/^count/)).toHaveAttribute("inputmode", "numeric");
    expect(screen.getByLabelText(/^ratio/)).toHaveAttribute("inputmode", "decimal");
    const urgent = screen.getByLabelText(/^urgent/);
    expect(within(urgent).getAllByRole("option").map((o) => o.textContent)).toEqual(["(not set)", "true", "false"]);
    expect(within(screen.getByRole("group", { name: /color/ })).getAllByRole("radio")).toHaveLength(2);
    const size = screen.getByLabelText(/^size/);
    expect(within(size).getAllByRole("option").map((o) => o.getAttribute("value"))).toEqual(["", "xs", "s", "m", "l", "xl", "xxl", "xxxl"]);
    expect(screen.getByText(/options of “undeclared” are not described/)).toBeInTheDocument();
    expect(screen.getByRole("group", { name: /tags/ })).toHaveTextContent("No items.");
    const address = screen.getByRole("group", { name: /address/ });
    expect(within(address).getByLabelText(/^city/)).toHaveAttribute("aria-required", "true");
    expect(screen.getByLabelText(/^extra/).tagName).toBe("TEXTAREA");
    expect(screen.getByLabelText(/^mystery/).tagName).toBe("TEXTAREA");
  });

  it("builds the answer from every kind, with list rows added and removed", async () => {
    const fake = setup();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^count/), "4");
    await user.type(screen.getByLabelText(/^ratio/), "0.25");
    await user.selectOptions(screen.getByLabelText(/^urgent/), "false");
    await user.click(screen.getByRole("radio", { name: "green" }));
    await user.selectOptions(screen.getByLabelText(/^size/), "xl");
    await user.type(screen.getByLabelText(/^shade/), "teal");
    await user.click(screen.getByRole("button", { name: "Add to tags" }));
    await user.click(screen.getByRole("button", { name: "Add to tags" }));
    await user.click(screen.getByRole("button", { name: "Add to tags" }));
    await user.type(screen.getByLabelText(/^tags item 1/), "a");
    await user.type(screen.getByLabelText(/^tags item 2/), "b");
    await user.type(screen.getByLabelText(/^tags item 3/), "c");
    await user.click(screen.getByRole("button", { name: "Remove tags item 2" }));
    await user.type(screen.getByLabelText(/^city/), "Oslo");
    await user.type(screen.getByLabelText(/^extra/), '{{"k": [[1, 2]}');
    expect(screen.getByText("Valid JSON.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Send answer" }));
    await screen.findByText(/Answer sent/);
    expect(JSON.parse(fake.resumeCalls()[0]?.body ?? "null")).toEqual({
      title: "draft",
      count: 4,
      ratio: 0.25,
      urgent: false,
      color: "green",
      tags: ["a", "c"],
      address: { city: "Oslo" },
      extra: { k: [1, 2] },
      size: "xl",
      shade: "teal",
    });
  });

  it("names every invalid field, links errors to their inputs, and sends nothing", async () => {
    const fake = setup();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^count/), "1.5");
    await user.click(screen.getByRole("button", { name: "Add to tags" }));
    await user.type(screen.getByLabelText(/^zip/), "12");
    await user.type(screen.getByLabelText(/^extra/), "{{oops");
    expect(screen.getByText(/JSON syntax error/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Send answer" }));
    const summary = screen.getByRole("alert");
    expect(summary).toHaveFocus();
    const texts = within(summary).getAllByRole("link").map((link) => link.textContent);
    expect(texts).toEqual([
      "count must be a whole number",
      "color is required",
      "tags[0] is empty",
      "address.city is required",
      expect.stringMatching(/^extra is not valid JSON/),
    ]);
    expect(screen.getByLabelText(/^count/)).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText(/^city/)).toHaveAccessibleDescription("address.city is required");
    await user.click(within(summary).getByRole("link", { name: "count must be a whole number" }));
    expect(screen.getByLabelText(/^count/)).toHaveFocus();
    expect(fake.resumeCalls()).toEqual([]);
  });

  it("renders untrusted prompts, names and descriptions as text", () => {
    const fake = new FakeApprovalsService();
    const ask = create(AskSpecSchema, {
      prompt: "x",
      fields: [field("<img src=x onerror=alert(1)>", typeRef(TypeKind.STRING), { description: "<b>bold</b>" })],
    });
    fake.addPaused("thr_x", ask);
    const { container } = renderWithService(<AskAnswerForm threadId="thr_x" stepPath="3" ask={ask} />, fake.transport());
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(screen.getByText("<b>bold</b>")).toBeInTheDocument();
    expect(screen.getByLabelText(/<img src=x onerror=alert\(1\)>/)).toBeInTheDocument();
  });
});
