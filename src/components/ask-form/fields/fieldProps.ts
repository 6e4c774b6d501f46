import type { FieldErrors } from "../fieldErrors";
import { pathKey, type FieldPath } from "../fieldPath";
import { fieldDomId } from "../formPaths";
import type { ControlModel } from "../formModel";
import type { FieldState } from "../formState";

/** What every field control receives. `label` is the field name (list rows: "tags item 2"). */
export type FieldProps<C extends ControlModel = ControlModel> = {
  formId: string;
  label: string;
  path: FieldPath;
  required: boolean;
  description: string;
  control: C;
  state: FieldState;
  onChange: (state: FieldState) => void;
  errors: FieldErrors;
  disabled: boolean;
};

export type FieldIds = { input: string; description: string; error: string; describedBy: string | undefined };

export function fieldIds(props: Pick<FieldProps, "formId" | "path" | "description" | "errors">): FieldIds & {
  messages: readonly string[];
} {
  const key = pathKey(props.path);
  const input = fieldDomId(props.formId, key);
  const messages = props.errors[key] ?? [];
  const description = `${input}-desc`;
  const error = `${input}-err`;
  const parts = [props.description !== "" ? description : null, messages.length > 0 ? error : null].filter(
    (part): part is string => part !== null,
  );
  return { input, description, error, describedBy: parts.length > 0 ? parts.join(" ") : undefined, messages };
}
