// json (and fields of unknown type) → a JSON editor with live syntax checking.
import { jsonErrorText } from "../buildAnswer";
import type { ControlModel } from "../formModel";
import { FieldLabel, FieldMessages } from "./FieldParts";
import { fieldIds, type FieldProps } from "./fieldProps";

export function JsonField(props: FieldProps<Extract<ControlModel, { kind: "json" }>>) {
  const ids = fieldIds(props);
  const text = props.state.t === "text" ? props.state.text : "";
  const syntax = jsonSyntax(text);
  return (
    <div className="field ask-field">
      <FieldLabel htmlFor={ids.input} label={props.label} required={props.required} />
      <textarea
        id={ids.input}
        className="textarea"
        rows={Math.min(12, Math.max(3, text.split("\n").length))}
        spellCheck={false}
        value={text}
        disabled={props.disabled}
        aria-required={props.required}
        aria-invalid={ids.messages.length > 0}
        aria-describedby={[ids.describedBy, `${ids.input}-syntax`].filter(Boolean).join(" ")}
        onChange={(event) => props.onChange({ t: "text", text: event.target.value })}
      />
      <FieldMessages
        ids={ids}
        description={props.description}
        messages={ids.messages}
        hint={<JsonSyntaxLine id={`${ids.input}-syntax`} syntax={syntax} />}
      />
    </div>
  );
}

export type JsonSyntax = { state: "empty" } | { state: "valid" } | { state: "invalid"; message: string };

export function jsonSyntax(text: string): JsonSyntax {
  if (text.trim() === "") return { state: "empty" };
  try {
    JSON.parse(text);
    return { state: "valid" };
  } catch (error) {
    return { state: "invalid", message: jsonErrorText(error) };
  }
}

export function JsonSyntaxLine({ id, syntax }: { id: string; syntax: JsonSyntax }) {
  if (syntax.state === "invalid") {
    return (
      <p className="field__warning" id={id}>
        JSON syntax error: {syntax.message}
      </p>
    );
  }
  return (
    <p className="field__hint subtle" id={id}>
      {syntax.state === "valid" ? "Valid JSON." : "Any JSON value."}
    </p>
  );
}
