import { describe, expect, it } from "vitest";
import { buildFormModel } from "./formModel";
import { initialFormState, reconcileFormState } from "./formState";
import { colorEnum, everyKindFields, invoiceAsk } from "../../api/asks/testing/askFixtures";

describe("initialFormState", () => {
  it("pre-fills defaults and starts a required yes/no unticked", () => {
    const model = buildFormModel(everyKindFields(), [colorEnum]);
    const state = initialFormState(model);
    expect(state.title).toEqual({ t: "text", text: "draft" });
    expect(state.count).toEqual({ t: "text", text: "" });
    expect(state.urgent).toEqual({ t: "bool", value: null });
    expect(state.tags).toEqual({ t: "list", items: [] });
    expect(state.address).toEqual({ t: "object", fields: { city: { t: "text", text: "" }, zip: { t: "text", text: "" } } });
    const invoice = initialFormState(buildFormModel(invoiceAsk().fields, invoiceAsk().enums));
    expect(invoice.approved).toEqual({ t: "bool", value: false });
  });

  it("starts from given values (a step's last input)", () => {
    const model = buildFormModel(everyKindFields(), [colorEnum]);
    const state = initialFormState(model, { count: 3, tags: ["a", "b"], extra: { k: [1] }, address: { city: "Oslo" } });
    expect(state.count).toEqual({ t: "text", text: "3" });
    expect(state.tags?.t === "list" && state.tags.items.map((i) => i.state)).toEqual([
      { t: "text", text: "a" },
      { t: "text", text: "b" },
    ]);
    expect(state.extra).toEqual({ t: "text", text: '{\n  "k": [\n    1\n  ]\n}' });
    expect(state.address).toEqual({ t: "object", fields: { city: { t: "text", text: "Oslo" }, zip: { t: "text", text: "" } } });
  });
});

describe("reconcileFormState", () => {
  it("keeps a matching draft and drops what no longer fits", () => {
    const model = buildFormModel(invoiceAsk().fields, invoiceAsk().enums);
    const fallback = initialFormState(model);
    const draft = {
      amount: { t: "text", text: "12a" },
      approved: { t: "text", text: "yes" },
      ghost: { t: "text", text: "x" },
    };
    const state = reconcileFormState(model, draft, fallback);
    expect(state.amount).toEqual({ t: "text", text: "12a" });
    expect(state.approved).toEqual({ t: "bool", value: false });
    expect(state).not.toHaveProperty("ghost");
    expect(reconcileFormState(model, "garbage", fallback)).toBe(fallback);
  });
});
