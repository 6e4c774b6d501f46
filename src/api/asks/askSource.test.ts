import { create, toJsonString } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { AskSpecSchema, StepDetailSchema, TypeKind } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { invoiceAsk } from "./testing/askFixtures";
import { askFromInputData, askFromStep } from "./askSource";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("askFromStep", () => {
  it("prefers StepDetail.ask", () => {
    const ask = invoiceAsk();
    expect(askFromStep(create(StepDetailSchema, { ask }))).toBe(ask);
  });

  it("reads the AskSpec from input_data as proto JSON when .ask is missing", () => {
    const json = toJsonString(AskSpecSchema, invoiceAsk({ expiresAtMs: 1234n }));
    const ask = askFromStep(create(StepDetailSchema, { inputData: bytes(json) }));
    expect(ask?.fields.map((f) => [f.name, f.type?.kind, f.required])).toEqual([
      ["approved", TypeKind.BOOLEAN, true],
      ["amount", TypeKind.NUMBER, true],
      ["currency", TypeKind.ENUM, true],
      ["note", TypeKind.STRING, false],
    ]);
    expect(ask?.expiresAtMs).toBe(1234n);
    expect(ask?.enums[0]?.values).toEqual(["USD", "EUR", "GBP"]);
  });

  it("accepts snake_case and unknown keys, and rejects what is not an ask", () => {
    const ask = askFromInputData(
      bytes('{"prompt":"p","fields":[{"name":"x","type":{"kind":"TYPE_KIND_INTEGER"},"default_json":"1"}],"max_attempts":2,"extra":1}'),
    );
    expect(ask?.maxAttempts).toBe(2);
    expect(ask?.fields[0]?.defaultJson).toBe("1");
    expect(askFromInputData(bytes('{"invoice_id":"INV-1"}'))).toBeNull();
    expect(askFromInputData(bytes("not json"))).toBeNull();
    expect(askFromInputData(new Uint8Array())).toBeNull();
  });
});
