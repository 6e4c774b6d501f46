// Plain descriptions of typed fields (the sandbox's own form of ScriptContract / AskSpec), and
// their conversion to the generated messages.
import { create } from "@bufbuild/protobuf";
import {
  EnumDefSchema,
  ScriptContractSchema,
  TypeKind,
  TypedFieldSchema,
  type EnumDef,
  type ScriptContract,
  type TypeRef,
  type TypedField,
} from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { assertNever } from "./assertNever.js";

export type TypeDef =
  | { kind: "string" }
  | { kind: "integer" }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "json" }
  | { kind: "enum"; enumName: string }
  | { kind: "list"; element: TypeDef }
  | { kind: "object"; fields: FieldDef[] };

export interface FieldDef {
  name: string;
  type: TypeDef;
  required: boolean;
  description: string;
  /** JSON text of the default; absent when there is none. */
  defaultJson?: string;
}

export interface EnumDefPlain {
  name: string;
  values: string[];
}

export interface ContractDef {
  inputs: FieldDef[];
  outputs: FieldDef[];
  enums: EnumDefPlain[];
}

function kindOf(type: TypeDef): TypeKind {
  switch (type.kind) {
    case "string":
      return TypeKind.STRING;
    case "integer":
      return TypeKind.INTEGER;
    case "number":
      return TypeKind.NUMBER;
    case "boolean":
      return TypeKind.BOOLEAN;
    case "json":
      return TypeKind.JSON;
    case "enum":
      return TypeKind.ENUM;
    case "list":
      return TypeKind.LIST;
    case "object":
      return TypeKind.OBJECT;
    default:
      return assertNever(type, "type kind");
  }
}

type TypeRefInit = Omit<Partial<TypeRef>, "$typeName" | "element" | "fields"> & {
  element?: TypeRefInit;
  fields?: TypedFieldInit[];
};
type TypedFieldInit = Omit<Partial<TypedField>, "$typeName" | "type"> & { type?: TypeRefInit };

function typeRefInit(type: TypeDef): TypeRefInit {
  const kind = kindOf(type);
  switch (type.kind) {
    case "enum":
      return { kind, enumName: type.enumName };
    case "list":
      return { kind, element: typeRefInit(type.element) };
    case "object":
      return { kind, fields: type.fields.map(fieldInit) };
    case "string":
    case "integer":
    case "number":
    case "boolean":
    case "json":
      return { kind };
    default:
      return assertNever(type, "type kind");
  }
}

function fieldInit(field: FieldDef): TypedFieldInit {
  return {
    name: field.name,
    type: typeRefInit(field.type),
    required: field.required,
    description: field.description,
    defaultJson: field.defaultJson ?? "",
  };
}

export function toTypedField(field: FieldDef): TypedField {
  return create(TypedFieldSchema, fieldInit(field));
}

export function toEnumDef(def: EnumDefPlain): EnumDef {
  return create(EnumDefSchema, { name: def.name, values: def.values });
}

export function toScriptContract(contract: ContractDef): ScriptContract {
  return create(ScriptContractSchema, {
    inputs: contract.inputs.map(fieldInit),
    outputs: contract.outputs.map(fieldInit),
    enums: contract.enums.map((e) => ({ name: e.name, values: e.values })),
  });
}
