// Metadata labels as key/value rows (CreateThreadRequest.metadata): for auditing, such as
// source=console or ticket=INC-1402.
import { FieldError } from "./FieldError";
import { TOP_FIELD_IDS } from "./domIds";
import { newMetadataRowId, type MetadataRow } from "./newThreadDraft";

export interface MetadataEditorProps {
  rows: readonly MetadataRow[];
  errors: readonly string[] | undefined;
  disabled: boolean;
  onChange: (rows: MetadataRow[]) => void;
}

export function MetadataEditor({ rows, errors, disabled, onChange }: MetadataEditorProps) {
  const id = TOP_FIELD_IDS.metadata;
  const update = (rowId: string, patch: Partial<MetadataRow>) =>
    onChange(rows.map((row) => (row.id === rowId ? { ...row, ...patch } : row)));
  const add = () => onChange([...rows, { id: newMetadataRowId(), key: "", value: "" }]);
  return (
    <fieldset className="stack" aria-describedby={`${id}-hint`}>
      <legend className="field__label">Metadata</legend>
      <p className="field__hint" id={`${id}-hint`}>
        Key/value labels stored with the thread, such as <span className="mono">ticket</span> ={" "}
        <span className="mono">INC-1402</span>.
      </p>
      {rows.length > 0 ? (
        <ul className="new-thread__rows">
          {rows.map((row, index) => (
            <li key={row.id} className="new-thread__row">
              <input
                id={index === 0 ? id : undefined}
                className="input input--mono"
                aria-label={`Metadata key ${index + 1}`}
                placeholder="key"
                autoComplete="off"
                value={row.key}
                disabled={disabled}
                onChange={(event) => update(row.id, { key: event.target.value })}
              />
              <input
                className="input"
                aria-label={`Metadata value ${index + 1}`}
                placeholder="value"
                autoComplete="off"
                value={row.value}
                disabled={disabled}
                onChange={(event) => update(row.id, { value: event.target.value })}
              />
              <button
                type="button"
                className="btn btn--ghost btn--small"
                aria-label={`Remove metadata row ${index + 1}`}
                disabled={disabled}
                onClick={() => onChange(rows.filter((candidate) => candidate.id !== row.id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div>
        <button type="button" id={rows.length === 0 ? id : undefined} className="btn btn--small" disabled={disabled} onClick={add}>
          Add metadata
        </button>
      </div>
      <FieldError id={`${id}-error`} messages={errors} />
    </fieldset>
  );
}
