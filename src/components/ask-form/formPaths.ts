// Every field path the form currently shows (list rows included), so that server violations can be
// put on the right field. Pure.
import { pathKey, type FieldPath } from "./fieldPath";
import type { ControlModel, FormModel, FieldModel } from "./formModel";
import type { FieldState, FormState } from "./formState";

export function collectPaths(model: FormModel, state: FormState): Set<string> {
  const paths = new Set<string>();
  collectObject(model.fields, state, [], paths);
  return paths;
}

function collectObject(fields: readonly FieldModel[], state: Record<string, FieldState>, path: FieldPath, out: Set<string>): void {
  for (const field of fields) {
    const fieldPath = [...path, field.name];
    out.add(pathKey(fieldPath));
    const fieldState = state[field.name];
    if (fieldState !== undefined) collectControl(field.control, fieldState, fieldPath, out);
  }
}

function collectControl(control: ControlModel, state: FieldState, path: FieldPath, out: Set<string>): void {
  if (control.kind === "list" && state.t === "list") {
    state.items.forEach((item, index) => {
      const itemPath = [...path, index];
      out.add(pathKey(itemPath));
      collectControl(control.element, item.state, itemPath, out);
    });
  } else if (control.kind === "object" && state.t === "object") {
    collectObject(control.fields, state.fields, path, out);
  }
}

/** A DOM id for a field path: stable, and safe whatever characters a field name holds. */
export function fieldDomId(formId: string, key: string): string {
  let encoded = "";
  for (const char of key) {
    encoded += /[A-Za-z0-9_-]/.test(char) ? char : `_${char.codePointAt(0)?.toString(16) ?? ""}_`;
  }
  return `${formId}-f-${encoded}`;
}
