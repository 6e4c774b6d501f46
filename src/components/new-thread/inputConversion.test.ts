import { describe, expect, it } from "vitest";
import { fieldsToJson, inputAsText, jsonToFields, resolvePending } from "./inputConversion";
import { invoiceModel, reportModel } from "./testing/scriptFixtures";

describe("jsonToFields / fieldsToJson", () => {
  it("round-trips an input, keeping keys the contract does not name", () => {
    const toFields = jsonToFields('{"invoice_id":"INV-42","ask_expires_in_s":60,"trace":true}', invoiceModel());
    if (!toFields.ok) throw new Error(toFields.message);
    expect(toFields.input.state.invoice_id).toEqual({ t: "text", text: "INV-42" });
    expect(toFields.input.state.ask_expires_in_s).toEqual({ t: "text", text: "60" });
    expect(toFields.input.extras).toEqual({ trace: true });

    const back = fieldsToJson(toFields.input, invoiceModel());
    if (!back.ok) throw new Error("refused");
    expect(JSON.parse(back.input.text)).toEqual({ invoice_id: "INV-42", ask_expires_in_s: 60, trace: true });
  });

  it("refuses broken JSON, a non-object and values of the wrong type, saying why", () => {
    expect(jsonToFields('{"invoice_id": ', invoiceModel())).toMatchObject({ ok: false, message: expect.stringMatching(/^The input is not valid JSON/) });
    expect(jsonToFields("[1,2]", invoiceModel())).toMatchObject({ ok: false, message: expect.stringContaining("a list") });
    const wrong = jsonToFields('{"invoice_id": 42}', invoiceModel());
    expect(wrong).toMatchObject({ ok: false, message: expect.stringContaining("invoice_id must be text") });
    const badEnum = jsonToFields('{"page_size": "A3"}', reportModel());
    expect(badEnum).toMatchObject({ ok: false, message: expect.stringContaining("page_size must be one of A4, Letter") });
  });

  it("accepts missing values (the form shows them empty) and an empty text", () => {
    const empty = jsonToFields("  ", invoiceModel());
    expect(empty.ok && empty.input.state.invoice_id).toEqual({ t: "text", text: "" });
  });

  it("refuses to switch to JSON while a field holds text that is not its type", () => {
    const fields = jsonToFields('{"invoice_id":"A"}', invoiceModel());
    if (!fields.ok) throw new Error(fields.message);
    const input = { ...fields.input, state: { ...fields.input.state, ask_expires_in_s: { t: "text" as const, text: "12a" } } };
    const result = fieldsToJson(input, invoiceModel());
    expect(result).toEqual({ ok: false, errors: { ask_expires_in_s: ["ask_expires_in_s must be a number"] } });
    // The best-effort text (carried to another script) leaves the broken field out.
    expect(JSON.parse(inputAsText(input, invoiceModel()))).toEqual({ invoice_id: "A" });
  });
});

describe("resolvePending", () => {
  it("shows JSON when the script declares no typed inputs, or when JSON was preferred", () => {
    expect(resolvePending({ mode: "pending", text: "[1]", prefer: "fields" }, null)).toEqual({ mode: "json", text: "[1]" });
    expect(resolvePending({ mode: "pending", text: "{}", prefer: "json" }, invoiceModel())).toEqual({ mode: "json", text: "{}" });
  });

  it("fills the typed form from the text, with defaults for what is missing", () => {
    const resolved = resolvePending({ mode: "pending", text: "{}", prefer: "fields" }, reportModel());
    expect(resolved.mode === "fields" && resolved.state.page_size).toEqual({ t: "text", text: "A4" });
  });

  it("falls back to JSON, text intact, when the text does not fit the form", () => {
    expect(resolvePending({ mode: "pending", text: '{"invoice_id": 7}', prefer: "fields" }, invoiceModel())).toEqual({
      mode: "json",
      text: '{"invoice_id": 7}',
    });
  });

  it("restores a stored typed form exactly, text that does not parse included", () => {
    const resolved = resolvePending(
      { mode: "pending", text: "{}", prefer: "fields", state: { ask_expires_in_s: { t: "text", text: "12a" } }, extras: { x: 1 } },
      invoiceModel(),
    );
    expect(resolved).toEqual({
      mode: "fields",
      state: { invoice_id: { t: "text", text: "" }, ask_expires_in_s: { t: "text", text: "12a" } },
      extras: { x: 1 },
    });
  });
});
