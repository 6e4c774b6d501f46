// The fields of a correction form, inferred from a failed step's last input: a recoverable step
// has no declared answer shape, so its last input is the best description of what it takes. Pure.
import { create } from "@bufbuild/protobuf";
import { TypeKind, TypeRefSchema, TypedFieldSchema, type TypeRef, type TypedField } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { isPlainObject } from "./formState";

export function inferFields(input: Record<string, unknown>): TypedField[] {
  return Object.entries(input).map(([name, value]) =>
    create(TypedFieldSchema, { name, type: inferType(value), required: value !== null && value !== "" }),
  );
}

function inferType(value: unknown): TypeRef {
  if (typeof value === "string") return create(TypeRefSchema, { kind: TypeKind.STRING });
  // Numbers stay "number": a whole number in the last input does not make the step integer-only.
  if (typeof value === "number") return create(TypeRefSchema, { kind: TypeKind.NUMBER });
  if (typeof value === "boolean") return create(TypeRefSchema, { kind: TypeKind.BOOLEAN });
  if (isPlainObject(value)) return create(TypeRefSchema, { kind: TypeKind.OBJECT, fields: inferFields(value) });
  // Lists and null: any JSON (the elements of a list may differ).
  return create(TypeRefSchema, { kind: TypeKind.JSON });
}
