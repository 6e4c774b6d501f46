import { describe, expect, it } from "vitest";
import { pathKey } from "./fieldPath";
import { buildFormModel } from "./formModel";
import { validateAnswer } from "./validateAnswer";
import { colorEnum, everyKindFields, invoiceAsk } from "../../api/asks/testing/askFixtures";

const invoice = buildFormModel(invoiceAsk().fields, invoiceAsk().enums).fields;
const every = buildFormModel(everyKindFields(), [colorEnum]).fields;

function messages(answer: unknown, fields = invoice): [string, string][] {
  return validateAnswer(fields, answer).map((v) => [pathKey(v.path), v.message]);
}

describe("validateAnswer mirrors the server", () => {
  it("accepts a valid answer", () => {
    expect(messages({ approved: true, amount: 10, currency: "USD", note: "ok" })).toEqual([]);
  });

  it("requires required fields, naming them", () => {
    expect(messages({})).toEqual([
      ["approved", "approved is required"],
      ["amount", "amount is required"],
      ["currency", "currency is required"],
    ]);
    expect(messages({ approved: false, amount: null, currency: "USD" })).toEqual([["amount", "amount is required"]]);
  });

  it("checks types of every kind", () => {
    expect(
      messages(
        {
          title: 1,
          count: 1.5,
          ratio: "x",
          urgent: "yes",
          color: "red",
          tags: ["a", 2, null],
          address: { zip: 1 },
          extra: { anything: true },
        },
        every,
      ),
    ).toEqual([
      ["title", "title must be text"],
      ["count", "count must be a whole number"],
      ["ratio", "ratio must be a number"],
      ["urgent", "urgent must be true or false"],
      ["tags[1]", "tags[1] must be text"],
      ["tags[2]", "tags[2] is empty"],
      ["address.city", "address.city is required"],
    ]);
    expect(messages({ title: "t", count: 1, color: "red", tags: "a", address: [] }, every)).toEqual([
      ["tags", "tags must be a list"],
      ["address", "address must be an object"],
    ]);
  });

  it("enforces option lists exactly", () => {
    expect(messages({ approved: true, amount: 1, currency: "usd" })).toEqual([["currency", "currency must be one of USD, EUR, GBP"]]);
  });

  it("rejects unknown keys, nested too", () => {
    expect(messages({ approved: true, amount: 1, currency: "USD", extra: 1 })).toEqual([["extra", "extra is not a field of this form"]]);
    expect(messages({ title: "t", count: 1, color: "red", address: { city: "c", street: "s" } }, every)).toEqual([
      ["address.street", "address.street is not a field of this form"],
    ]);
  });

  it("requires an object", () => {
    expect(messages([1])).toEqual([["", "The answer must be a JSON object"]]);
    expect(messages("x")).toEqual([["", "The answer must be a JSON object"]]);
  });
});
