import { describe, expect, it } from "vitest";
import { invoiceAsk } from "../../api/asks/testing/askFixtures";
import { initialDraft } from "./formDraft";
import { buildFormModel } from "./formModel";
import { prepareAnswer } from "./prepareAnswer";

const model = buildFormModel(invoiceAsk().fields, invoiceAsk().enums);

describe("prepareAnswer", () => {
  it("refuses an empty required amount and a non-numeric one", () => {
    expect(prepareAnswer(model, initialDraft(model))).toEqual({
      ok: false,
      errors: { amount: ["amount is required"], currency: ["currency is required"] },
    });
    const draft = initialDraft(model, { amount: "ten", currency: "USD" });
    expect(prepareAnswer(model, draft)).toEqual({ ok: false, errors: { amount: ["amount must be a number"] } });
  });

  it("produces the override JSON for a valid answer", () => {
    const draft = initialDraft(model, { approved: true, amount: 99.5, currency: "GBP", note: "ok" });
    expect(prepareAnswer(model, draft)).toEqual({ ok: true, json: '{"approved":true,"amount":99.5,"currency":"GBP","note":"ok"}' });
  });

  it("checks a JSON answer when the ask describes no fields", () => {
    expect(prepareAnswer(null, { mode: "json", text: '{"a":1}' })).toEqual({ ok: true, json: '{"a":1}' });
    expect(prepareAnswer(null, { mode: "json", text: "[1]" })).toEqual({ ok: false, errors: { "": ["The answer must be a JSON object"] } });
    expect(prepareAnswer(null, { mode: "json", text: "{" })).toMatchObject({ ok: false });
  });
});
