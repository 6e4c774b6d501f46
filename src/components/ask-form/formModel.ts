// The form model: what each TypedField of an ask becomes in the form. Pure; one exhaustive switch
// over TypeKind, so a new kind is a compile error here.
import { assertNever, unknownFromWire } from "../../assertNever";
import {
  TypeKind,
  type EnumDef,
  type TypeRef,
  type TypedField,
} from "../../api/gen/dodil/scriptum/v1/scriptum_pb";

export type ControlModel =
  | { kind: "string" }
  | { kind: "integer" }
  | { kind: "number" }
  | { kind: "boolean" }
  /** values is null when the ask names an option list it does not define. */
  | { kind: "enum"; enumName: string; values: readonly string[] | null }
  | { kind: "list"; element: ControlModel }
  | { kind: "object"; fields: readonly FieldModel[] }
  | { kind: "json" };

export type FieldModel = {
  name: string;
  required: boolean;
  description: string;
  /** The parsed default_json; undefined when there is none or it is not valid JSON. */
  defaultValue: unknown;
  control: ControlModel;
};

export type FormModel = { fields: readonly FieldModel[] };

export function buildFormModel(fields: readonly TypedField[], enums: readonly EnumDef[]): FormModel {
  return { fields: fields.map((field) => buildFieldModel(field, enums)) };
}

function buildFieldModel(field: TypedField, enums: readonly EnumDef[]): FieldModel {
  return {
    name: field.name,
    required: field.required,
    description: field.description,
    defaultValue: parseDefault(field.defaultJson),
    control: buildControl(field.type, enums),
  };
}

export function buildControl(type: TypeRef | undefined, enums: readonly EnumDef[]): ControlModel {
  // A field without a type accepts any JSON: the form cannot know better.
  if (type === undefined) return { kind: "json" };
  switch (type.kind) {
    case TypeKind.STRING:
      return { kind: "string" };
    case TypeKind.INTEGER:
      return { kind: "integer" };
    case TypeKind.NUMBER:
      return { kind: "number" };
    case TypeKind.BOOLEAN:
      return { kind: "boolean" };
    case TypeKind.ENUM: {
      const def = enums.find((candidate) => candidate.name === type.enumName);
      return { kind: "enum", enumName: type.enumName, values: def ? [...def.values] : null };
    }
    case TypeKind.LIST:
      return { kind: "list", element: buildControl(type.element, enums) };
    case TypeKind.OBJECT:
      return { kind: "object", fields: type.fields.map((field) => buildFieldModel(field, enums)) };
    case TypeKind.JSON:
    case TypeKind.UNSPECIFIED:
      return { kind: "json" };
    default:
      // A kind from a newer server: accept any JSON rather than refuse the whole form.
      return unknownFromWire(type.kind, { kind: "json" });
  }
}

function parseDefault(defaultJson: string): unknown {
  if (defaultJson.trim() === "") return undefined;
  try {
    return JSON.parse(defaultJson) as unknown;
  } catch {
    return undefined;
  }
}

/** A one-line summary of the fields, for the inbox: "approved: yes/no*, amount: number*, …". */
export function summarizeFields(model: FormModel): string {
  return model.fields
    .map((field) => `${field.name}: ${describeControl(field.control)}${field.required ? "*" : ""}`)
    .join(", ");
}

export function describeControl(control: ControlModel): string {
  switch (control.kind) {
    case "string":
      return "text";
    case "integer":
      return "whole number";
    case "number":
      return "number";
    case "boolean":
      return "yes/no";
    case "enum":
      return control.values === null ? control.enumName : control.values.join("|");
    case "list":
      return `list of ${describeControl(control.element)}`;
    case "object":
      return `{${control.fields.map((field) => field.name).join(", ")}}`;
    case "json":
      return "JSON";
    default:
      return assertNever(control, "control");
  }
}
