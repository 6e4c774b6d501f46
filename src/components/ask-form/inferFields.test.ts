import { describe, expect, it } from "vitest";
import { TypeKind } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { inferFields } from "./inferFields";

describe("inferFields", () => {
  it("describes a step's last input as typed fields", () => {
    const fields = inferFields({ page_size: "A5", copies: 2, color: false, margins: { top: 1 }, pages: [1, 2], none: null });
    expect(fields.map((f) => [f.name, f.type?.kind, f.required])).toEqual([
      ["page_size", TypeKind.STRING, true],
      ["copies", TypeKind.NUMBER, true],
      ["color", TypeKind.BOOLEAN, true],
      ["margins", TypeKind.OBJECT, true],
      ["pages", TypeKind.JSON, true],
      ["none", TypeKind.JSON, false],
    ]);
    expect(fields[3]?.type?.fields[0]?.name).toBe("top");
  });
});
