// The parts around every control: the label (the field name, then "required" or "optional"), the
// description and the error, linked to the control by id. Server strings are text, never HTML.
import type { ReactNode } from "react";

export function RequiredMark({ required }: { required: boolean }) {
  return <span className="field__optional">{required ? "(required)" : "(optional)"}</span>;
}

export function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: string; required: boolean }) {
  return (
    <label className="field__label" htmlFor={htmlFor}>
      <span className="mono">{label}</span> <RequiredMark required={required} />
    </label>
  );
}

export function FieldMessages(props: {
  ids: { description: string; error: string };
  description: string;
  messages: readonly string[];
  hint?: ReactNode;
}) {
  return (
    <>
      {props.description !== "" ? (
        <p className="field__hint" id={props.ids.description}>
          {props.description}
        </p>
      ) : null}
      {props.hint}
      {props.messages.length > 0 ? (
        <p className="field__error" id={props.ids.error}>
          {props.messages.join(" · ")}
        </p>
      ) : null}
    </>
  );
}
