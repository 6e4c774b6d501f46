// enum / option list → radios (up to 6 options) or a select, offering exactly the allowed values.
// An option list the ask does not define is typed as text; the service checks it.
import type { ControlModel } from "../formModel";
import { FieldLabel, FieldMessages, RequiredMark } from "./FieldParts";
import { fieldIds, type FieldProps } from "./fieldProps";

const MAX_RADIOS = 6;

export function EnumField(props: FieldProps<Extract<ControlModel, { kind: "enum" }>>) {
  const ids = fieldIds(props);
  const value = props.state.t === "text" ? props.state.text : "";
  const values = props.control.values;
  const invalid = ids.messages.length > 0;
  const set = (text: string) => props.onChange({ t: "text", text });

  if (values === null) {
    return (
      <div className="field ask-field">
        <FieldLabel htmlFor={ids.input} label={props.label} required={props.required} />
        <input
          id={ids.input}
          className="input"
          type="text"
          value={value}
          disabled={props.disabled}
          aria-required={props.required}
          aria-invalid={invalid}
          aria-describedby={ids.describedBy}
          onChange={(event) => set(event.target.value)}
        />
        <FieldMessages
          ids={ids}
          description={props.description}
          messages={ids.messages}
          hint={<p className="field__warning">The options of “{props.control.enumName}” are not described; type the value.</p>}
        />
      </div>
    );
  }

  if (values.length > MAX_RADIOS) {
    return (
      <div className="field ask-field">
        <FieldLabel htmlFor={ids.input} label={props.label} required={props.required} />
        <select
          id={ids.input}
          className="select"
          value={value}
          disabled={props.disabled}
          aria-required={props.required}
          aria-invalid={invalid}
          aria-describedby={ids.describedBy}
          onChange={(event) => set(event.target.value)}
        >
          <option value="">{props.required ? "Choose…" : "(not set)"}</option>
          {values.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        <FieldMessages ids={ids} description={props.description} messages={ids.messages} />
      </div>
    );
  }

  return (
    <fieldset className="field ask-field" aria-describedby={ids.describedBy} aria-required={props.required} aria-invalid={invalid}>
      <legend className="field__label">
        <span className="mono">{props.label}</span> <RequiredMark required={props.required} />
      </legend>
      <div className="cluster">
        <div className="segmented">
          {values.map((option, index) => (
            <label key={option}>
              <input
                id={index === 0 ? ids.input : undefined}
                type="radio"
                name={ids.input}
                value={option}
                checked={value === option}
                disabled={props.disabled}
                onChange={() => set(option)}
              />
              {option}
            </label>
          ))}
        </div>
        {!props.required && value !== "" ? (
          <button type="button" className="btn btn--ghost btn--small" disabled={props.disabled} onClick={() => set("")}>
            Clear {props.label}
          </button>
        ) : null}
      </div>
      <FieldMessages ids={ids} description={props.description} messages={ids.messages} />
    </fieldset>
  );
}
