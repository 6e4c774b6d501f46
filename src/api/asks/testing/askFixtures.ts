// Test fixtures: TypedFields and AskSpecs built with the generated schemas.
import { create } from "@bufbuild/protobuf";
import {
  AskSpecSchema,
  EnumDefSchema,
  TypeKind,
  TypeRefSchema,
  TypedFieldSchema,
  type AskSpec,
  type TypeRef,
  type TypedField,
} from "../../gen/dodil/scriptum/v1/scriptum_pb";

export function typeRef(kind: TypeKind, extra: Partial<Pick<TypeRef, "element" | "fields" | "enumName">> = {}): TypeRef {
  return create(TypeRefSchema, { kind, ...extra });
}

export function field(
  name: string,
  type: TypeRef | undefined,
  options: { required?: boolean; description?: string; defaultJson?: string } = {},
): TypedField {
  return create(TypedFieldSchema, {
    name,
    type,
    required: options.required ?? false,
    description: options.description ?? "",
    defaultJson: options.defaultJson ?? "",
  });
}

/** The invoice-parser ask of the sandbox. */
export function invoiceAsk(overrides: Partial<Pick<AskSpec, "attempt" | "maxAttempts" | "expiresAtMs" | "prompt">> = {}): AskSpec {
  return create(AskSpecSchema, {
    prompt: "Approve invoice INV-1?",
    fields: [
      field("approved", typeRef(TypeKind.BOOLEAN), { required: true, description: "Approve the payment" }),
      field("amount", typeRef(TypeKind.NUMBER), { required: true, description: "Amount to pay" }),
      field("currency", typeRef(TypeKind.ENUM, { enumName: "currency" }), { required: true }),
      field("note", typeRef(TypeKind.STRING), { description: "Optional note" }),
    ],
    attempt: 1,
    maxAttempts: 3,
    expiresAtMs: 0n,
    enums: [create(EnumDefSchema, { name: "currency", values: ["USD", "EUR", "GBP"] })],
    ...overrides,
  });
}

/** One field of every kind, nested where kinds nest. */
export function everyKindFields(): TypedField[] {
  return [
    field("title", typeRef(TypeKind.STRING), { required: true, defaultJson: '"draft"' }),
    field("count", typeRef(TypeKind.INTEGER), { required: true }),
    field("ratio", typeRef(TypeKind.NUMBER)),
    field("urgent", typeRef(TypeKind.BOOLEAN)),
    field("color", typeRef(TypeKind.ENUM, { enumName: "color" }), { required: true }),
    field("tags", typeRef(TypeKind.LIST, { element: typeRef(TypeKind.STRING) })),
    field(
      "address",
      typeRef(TypeKind.OBJECT, {
        fields: [field("city", typeRef(TypeKind.STRING), { required: true }), field("zip", typeRef(TypeKind.INTEGER))],
      }),
    ),
    field("extra", typeRef(TypeKind.JSON)),
    field("mystery", typeRef(TypeKind.UNSPECIFIED)),
  ];
}

export const colorEnum = create(EnumDefSchema, { name: "color", values: ["red", "green"] });
