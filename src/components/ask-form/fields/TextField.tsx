// string → text; integer → whole-number input; number → numeric input. Numbers are typed as text
// (inputMode numeric/decimal) so that "12a" can be shown back and explained, not silently dropped.
import type { ControlModel } from "../formModel";
import { FieldLabel, FieldMessages } from "./FieldParts";
import { fieldIds, type FieldProps } from "./fieldProps";

type TextKinds = Extract<ControlModel, { kind: "string" | "integer" | "number" }>;

const hints: Record<TextKinds["kind"], string | null> = {
  string: null,
  integer: "A whole number, such as 42.",
  number: "A number, such as 12.5.",
};

export function TextField(props: FieldProps<TextKinds>) {
  const ids = fieldIds(props);
  const text = props.state.t === "text" ? props.state.text : "";
  const hint = hints[props.control.kind];
  return (
    <div className="field ask-field">
      <FieldLabel htmlFor={ids.input} label={props.label} required={props.required} />
      <input
        id={ids.input}
        className={props.control.kind === "string" ? "input" : "input input--mono ask-field__number"}
        type="text"
        inputMode={props.control.kind === "integer" ? "numeric" : props.control.kind === "number" ? "decimal" : undefined}
        autoComplete="off"
        value={text}
        disabled={props.disabled}
        aria-required={props.required}
        aria-invalid={ids.messages.length > 0}
        aria-describedby={ids.describedBy}
        onChange={(event) => props.onChange({ t: "text", text: event.target.value })}
      />
      <FieldMessages
        ids={ids}
        description={props.description}
        messages={ids.messages}
        hint={hint !== null ? <p className="field__hint subtle">{hint}</p> : null}
      />
    </div>
  );
}
