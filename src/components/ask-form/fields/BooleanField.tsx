// boolean → a checkbox. An optional yes/no can also be "not set": it gets a three-way select, so
// that leaving it alone does not send false.
import type { ControlModel } from "../formModel";
import { FieldLabel, FieldMessages, RequiredMark } from "./FieldParts";
import { fieldIds, type FieldProps } from "./fieldProps";

export function BooleanField(props: FieldProps<Extract<ControlModel, { kind: "boolean" }>>) {
  const ids = fieldIds(props);
  const value = props.state.t === "bool" ? props.state.value : null;
  if (!props.required) {
    return (
      <div className="field ask-field">
        <FieldLabel htmlFor={ids.input} label={props.label} required={false} />
        <select
          id={ids.input}
          className="select ask-field__narrow"
          value={value === null ? "" : String(value)}
          disabled={props.disabled}
          aria-invalid={ids.messages.length > 0}
          aria-describedby={ids.describedBy}
          onChange={(event) =>
            props.onChange({ t: "bool", value: event.target.value === "" ? null : event.target.value === "true" })
          }
        >
          <option value="">(not set)</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
        <FieldMessages ids={ids} description={props.description} messages={ids.messages} />
      </div>
    );
  }
  return (
    <div className="field ask-field">
      <label className="check">
        <input
          id={ids.input}
          type="checkbox"
          checked={value === true}
          disabled={props.disabled}
          aria-required
          aria-invalid={ids.messages.length > 0}
          aria-describedby={ids.describedBy}
          onChange={(event) => props.onChange({ t: "bool", value: event.target.checked })}
        />
        <span className="field__label">
          <span className="mono">{props.label}</span> <RequiredMark required />
        </span>
      </label>
      <FieldMessages ids={ids} description={props.description} messages={ids.messages} />
    </div>
  );
}
