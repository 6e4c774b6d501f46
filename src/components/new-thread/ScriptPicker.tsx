// The script: a search box (ListScripts' name filter) and the matching scripts. The chosen script
// stays listed even when the search no longer matches it.
import type { Script } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { FieldError } from "./FieldError";
import { TOP_FIELD_IDS } from "./domIds";

export interface ScriptPickerProps {
  search: string;
  onSearch: (text: string) => void;
  scripts: readonly Script[] | undefined;
  more: boolean;
  loading: boolean;
  /** Set when ListScripts failed. */
  listError: string | null;
  selected: string;
  onSelect: (name: string) => void;
  /** The chosen script, once GetScript answered. */
  script: Script | null | undefined;
  errors: readonly string[] | undefined;
  disabled: boolean;
}

export function ScriptPicker(props: ScriptPickerProps) {
  const id = TOP_FIELD_IDS.script;
  const names = (props.scripts ?? []).map((script) => script.name);
  const options = props.selected !== "" && !names.includes(props.selected) ? [props.selected, ...names] : names;
  const invalid = (props.errors?.length ?? 0) > 0;
  return (
    <div className="stack new-thread__script">
      <div className="field">
        <label className="field__label" htmlFor={`${id}-search`}>
          Find a script
        </label>
        <input
          id={`${id}-search`}
          className="input"
          type="search"
          autoComplete="off"
          placeholder="Part of the name"
          value={props.search}
          disabled={props.disabled}
          onChange={(event) => props.onSearch(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          Script <span className="field__optional">(required)</span>
        </label>
        <select
          id={id}
          className="select"
          value={props.selected}
          disabled={props.disabled}
          aria-required
          aria-invalid={invalid}
          aria-describedby={`${id}-status ${invalid ? `${id}-error` : ""}`.trim()}
          onChange={(event) => props.onSelect(event.target.value)}
        >
          <option value="">{options.length === 0 ? "(no script)" : "Choose a script…"}</option>
          {options.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <p className="field__hint" id={`${id}-status`} aria-live="polite">
          {scriptListStatus(props)}
        </p>
        {props.script ? <ScriptSummary script={props.script} /> : null}
        <FieldError id={`${id}-error`} messages={props.errors} />
      </div>
    </div>
  );
}

function scriptListStatus(props: ScriptPickerProps): string {
  if (props.listError !== null) return `Could not list scripts: ${props.listError}`;
  if (props.loading && props.scripts === undefined) return "Loading scripts…";
  const count = props.scripts?.length ?? 0;
  const filter = props.search.trim();
  if (count === 0) return filter === "" ? "No scripts in this organization." : `No script matches "${filter}".`;
  const what = `${count} script${count === 1 ? "" : "s"}${filter === "" ? "" : ` matching "${filter}"`}`;
  return props.more ? `${what} shown; more exist, narrow the search.` : `${what}.`;
}

function ScriptSummary({ script }: { script: Script }) {
  return (
    <p className="field__hint new-thread__script-summary">
      {script.description !== "" ? `${script.description} ` : ""}
      <span className="subtle">Active version: v{script.activeVersion}.</span>
    </p>
  );
}
