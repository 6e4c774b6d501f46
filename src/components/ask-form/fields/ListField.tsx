// list → repeatable rows of the element's control, with add and remove.
import { FieldControl } from "../FieldControl";
import type { ControlModel } from "../formModel";
import { controlState, newRowId } from "../formState";
import { FieldMessages, RequiredMark } from "./FieldParts";
import { fieldIds, type FieldProps } from "./fieldProps";

export function ListField(props: FieldProps<Extract<ControlModel, { kind: "list" }>>) {
  const ids = fieldIds(props);
  const items = props.state.t === "list" ? props.state.items : [];
  const setItems = (next: typeof items) => props.onChange({ t: "list", items: next });
  return (
    <fieldset className="field ask-field ask-field--group" aria-describedby={ids.describedBy} aria-invalid={ids.messages.length > 0}>
      <legend className="field__label">
        <span className="mono">{props.label}</span> <RequiredMark required={props.required} />
      </legend>
      <FieldMessages ids={ids} description={props.description} messages={ids.messages} />
      {items.length === 0 ? <p className="field__hint">No items.</p> : null}
      <ol className="ask-list">
        {items.map((item, index) => {
          const itemLabel = `${props.label} item ${index + 1}`;
          return (
            <li key={item.id} className="ask-list__row">
              <FieldControl
                formId={props.formId}
                label={itemLabel}
                path={[...props.path, index]}
                required
                description=""
                control={props.control.element}
                state={item.state}
                errors={props.errors}
                disabled={props.disabled}
                onChange={(state) => setItems(items.map((other) => (other.id === item.id ? { ...other, state } : other)))}
              />
              <button
                type="button"
                className="btn btn--ghost btn--small"
                disabled={props.disabled}
                aria-label={`Remove ${itemLabel}`}
                onClick={() => setItems(items.filter((other) => other.id !== item.id))}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <div>
        <button
          type="button"
          className="btn btn--small"
          id={ids.input}
          disabled={props.disabled}
          onClick={() => setItems([...items, { id: newRowId(), state: controlState(props.control.element, undefined) }])}
        >
          Add to {props.label}
        </button>
      </div>
    </fieldset>
  );
}
