import { describe, expect, it } from "vitest";
import { buildAnswer, parseNumber } from "./buildAnswer";
import { buildFormModel } from "./formModel";
import { initialFormState, type FormState } from "./formState";
import { colorEnum, everyKindFields, invoiceAsk } from "../../api/asks/testing/askFixtures";

const invoiceModel = buildFormModel(invoiceAsk().fields, invoiceAsk().enums);

describe("buildAnswer (override JSON)", () => {
  it("builds the answer object with typed values and leaves out empty optional fields", () => {
    const state: FormState = {
      ...initialFormState(invoiceModel),
      approved: { t: "bool", value: true },
      amount: { t: "text", text: " 12.50 " },
      currency: { t: "text", text: "EUR" },
    };
    expect(buildAnswer(invoiceModel, state)).toEqual({ value: { approved: true, amount: 12.5, currency: "EUR" }, errors: [] });
  });

  it("reports text that is not a number, naming the field, and sends nothing for it", () => {
    const state: FormState = { ...initialFormState(invoiceModel), amount: { t: "text", text: "12a" } };
    const built = buildAnswer(invoiceModel, state);
    expect(built.value).not.toHaveProperty("amount");
    expect(built.errors).toEqual([{ path: ["amount"], message: "amount must be a number" }]);
  });

  it("builds every kind, nested", () => {
    const model = buildFormModel(everyKindFields(), [colorEnum]);
    const state = initialFormState(model, {
      count: 2,
      ratio: 0.5,
      urgent: false,
      color: "red",
      tags: ["x"],
      address: { city: "Oslo", zip: 150 },
      extra: { any: [1, null] },
      mystery: "m",
    });
    expect(buildAnswer(model, state)).toEqual({
      value: {
        title: "draft",
        count: 2,
        ratio: 0.5,
        urgent: false,
        color: "red",
        tags: ["x"],
        address: { city: "Oslo", zip: 150 },
        extra: { any: [1, null] },
        mystery: "m",
      },
      errors: [],
    });
  });

  it("reports a whole number that is not whole, and broken JSON", () => {
    const model = buildFormModel(everyKindFields(), [colorEnum]);
    const state = initialFormState(model, { address: { city: "A", zip: "1.5" } });
    state.count = { t: "text", text: "2.5" };
    state.extra = { t: "text", text: "{nope" };
    const { errors } = buildAnswer(model, state);
    expect(errors.map((e) => [e.path.join("/"), e.message.split(":")[0]])).toEqual([
      ["count", "count must be a whole number"],
      ["address/zip", "address.zip must be a whole number"],
      ["extra", "extra is not valid JSON"],
    ]);
  });

  it("leaves out an untouched optional object and an empty optional list", () => {
    const model = buildFormModel(everyKindFields(), [colorEnum]);
    const { value } = buildAnswer(model, initialFormState(model));
    expect(value).toEqual({ title: "draft" });
  });
});

describe("parseNumber", () => {
  it("accepts plain decimal syntax only", () => {
    expect(parseNumber("-3.5e2", "number")).toBe(-350);
    expect(parseNumber(".5", "number")).toBe(0.5);
    for (const bad of ["", "12a", "0x10", "Infinity", "1,5", "1e999"]) expect(parseNumber(bad, "number")).toBeNull();
    expect(parseNumber("7", "integer")).toBe(7);
    expect(parseNumber("7.0", "integer")).toBeNull();
    expect(parseNumber("99999999999999999999", "integer")).toBeNull();
  });
});
