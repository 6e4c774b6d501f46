import { describe, expect, it } from "vitest";
import { TypeKind } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { buildControl, buildFormModel, summarizeFields } from "./formModel";
import { colorEnum, everyKindFields, field, invoiceAsk, typeRef } from "../../api/asks/testing/askFixtures";

describe("buildFormModel", () => {
  it("gives every TypeKind its control", () => {
    const model = buildFormModel(everyKindFields(), [colorEnum]);
    expect(model.fields.map((f) => [f.name, f.control.kind])).toEqual([
      ["title", "string"],
      ["count", "integer"],
      ["ratio", "number"],
      ["urgent", "boolean"],
      ["color", "enum"],
      ["tags", "list"],
      ["address", "object"],
      ["extra", "json"],
      ["mystery", "json"],
    ]);
  });

  it("resolves enum options from the ask's enums, exactly", () => {
    const model = buildFormModel(invoiceAsk().fields, invoiceAsk().enums);
    expect(model.fields[2]?.control).toEqual({ kind: "enum", enumName: "currency", values: ["USD", "EUR", "GBP"] });
  });

  it("marks an enum whose option list is missing", () => {
    expect(buildControl(typeRef(TypeKind.ENUM, { enumName: "nope" }), [])).toEqual({ kind: "enum", enumName: "nope", values: null });
  });

  it("nests list elements and object fields", () => {
    const control = buildControl(
      typeRef(TypeKind.LIST, { element: typeRef(TypeKind.OBJECT, { fields: [field("x", typeRef(TypeKind.INTEGER))] }) }),
      [],
    );
    expect(control).toMatchObject({ kind: "list", element: { kind: "object", fields: [{ name: "x", control: { kind: "integer" } }] } });
  });

  it("treats a missing type or a list without element as JSON", () => {
    expect(buildControl(undefined, [])).toEqual({ kind: "json" });
    expect(buildControl(typeRef(TypeKind.LIST), [])).toEqual({ kind: "list", element: { kind: "json" } });
  });

  it("parses default_json and ignores a broken one", () => {
    const model = buildFormModel(
      [field("a", typeRef(TypeKind.INTEGER), { defaultJson: "42" }), field("b", typeRef(TypeKind.STRING), { defaultJson: "{oops" })],
      [],
    );
    expect(model.fields[0]?.defaultValue).toBe(42);
    expect(model.fields[1]?.defaultValue).toBeUndefined();
  });

  it("summarizes the fields on one line, required marked", () => {
    const ask = invoiceAsk();
    expect(summarizeFields(buildFormModel(ask.fields, ask.enums))).toBe(
      "approved: yes/no*, amount: number*, currency: USD|EUR|GBP*, note: text",
    );
  });
});
