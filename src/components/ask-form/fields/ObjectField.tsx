// object → a nested fieldset of its fields.
import { FieldControl } from "../FieldControl";
import type { ControlModel } from "../formModel";
import { controlState } from "../formState";
import { FieldMessages, RequiredMark } from "./FieldParts";
import { fieldIds, type FieldProps } from "./fieldProps";

export function ObjectField(props: FieldProps<Extract<ControlModel, { kind: "object" }>>) {
  const ids = fieldIds(props);
  const fields = props.state.t === "object" ? props.state.fields : {};
  return (
    <fieldset
      className="field ask-field ask-field--group"
      id={ids.input}
      tabIndex={-1}
      aria-describedby={ids.describedBy}
      aria-invalid={ids.messages.length > 0}
    >
      <legend className="field__label">
        <span className="mono">{props.label}</span> <RequiredMark required={props.required} />
      </legend>
      <FieldMessages ids={ids} description={props.description} messages={ids.messages} />
      <div className="stack">
        {props.control.fields.map((field) => (
          <FieldControl
            key={field.name}
            formId={props.formId}
            label={field.name}
            path={[...props.path, field.name]}
            required={field.required}
            description={field.description}
            control={field.control}
            state={fields[field.name] ?? controlState(field.control, field.defaultValue)}
            errors={props.errors}
            disabled={props.disabled}
            onChange={(state) => props.onChange({ t: "object", fields: { ...fields, [field.name]: state } })}
          />
        ))}
      </div>
    </fieldset>
  );
}
