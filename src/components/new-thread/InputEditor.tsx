// The thread's input: a typed form generated from the script's contract (the ask form's field
// controls), or raw JSON; a switch between the two that keeps every value; and loading a JSON file
// (the CLI's `--input @file`). A switch or a file that would lose something is refused, with why.
import { useRef, useState, type ChangeEvent } from "react";
import type { FieldErrors } from "../ask-form/fieldErrors";
import { FieldControl } from "../ask-form/FieldControl";
import { jsonSyntax, JsonSyntaxLine } from "../ask-form/fields/JsonField";
import type { FormModel } from "../ask-form/formModel";
import { controlState } from "../ask-form/formState";
import "../ask-form/askForm.css";
import { INPUT_FORM_ID, JSON_EDITOR_ID } from "./domIds";
import { fieldsToJson, hasTypedInputs, jsonToFields } from "./inputConversion";
import { checkFileSize, parseJsonFile } from "./jsonFile";
import type { InputDraft } from "./newThreadDraft";
import { allInputMessages } from "./newThreadErrors";

export interface InputEditorProps {
  input: InputDraft;
  /** The chosen script's typed inputs; null while unknown. */
  model: FormModel | null;
  scriptName: string;
  errors: FieldErrors;
  disabled: boolean;
  onChange: (input: InputDraft) => void;
}

type Notice = { tone: "error" | "info"; text: string };

export function InputEditor(props: InputEditorProps) {
  const { input, model } = props;
  const [notice, setNotice] = useState<Notice | null>(null);
  const [switchErrors, setSwitchErrors] = useState<FieldErrors>({});
  const fileRef = useRef<HTMLInputElement>(null);
  const typed = hasTypedInputs(model);
  const errors = { ...props.errors, ...switchErrors };

  const change = (next: InputDraft) => {
    setSwitchErrors({});
    props.onChange(next);
  };

  const toMode = (mode: "fields" | "json") => {
    if (model === null || input.mode === mode || input.mode === "pending") return;
    if (mode === "json" && input.mode === "fields") {
      const result = fieldsToJson(input, model);
      if (!result.ok) {
        setSwitchErrors(result.errors);
        setNotice({ tone: "error", text: "Fix the marked fields before switching to JSON: their text is not of their type." });
        return;
      }
      setNotice(null);
      change(result.input);
    } else if (mode === "fields" && input.mode === "json") {
      const result = jsonToFields(input.text, model);
      if (!result.ok) {
        setNotice({ tone: "error", text: result.message });
        return;
      }
      setNotice(null);
      change(result.input);
    }
  };

  const loadFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (file === undefined) return;
    const tooLarge = checkFileSize(file.name, file.size);
    if (tooLarge !== null) {
      setNotice({ tone: "error", text: tooLarge });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setNotice({ tone: "error", text: `${file.name} could not be read; nothing was loaded.` });
      return;
    }
    const loaded = parseJsonFile(file.name, text);
    if (!loaded.ok) {
      setNotice({ tone: "error", text: loaded.message });
      return;
    }
    if (input.mode === "pending") {
      change({ mode: "pending", text: loaded.text, prefer: input.prefer });
    } else if (input.mode === "fields" && model !== null) {
      const fields = jsonToFields(loaded.text, model);
      if (fields.ok) {
        change(fields.input);
      } else {
        change({ mode: "json", text: loaded.text });
        setNotice({ tone: "info", text: `Loaded ${file.name} into the JSON editor. ${fields.message}` });
        return;
      }
    } else {
      change({ mode: "json", text: loaded.text });
    }
    setNotice({ tone: "info", text: `Loaded ${file.name}.` });
  };

  const wholeInput = errors[""] ?? [];
  return (
    <fieldset className="stack new-thread__input" aria-describedby="new-thread-input-hint">
      <legend className="field__label">Input</legend>
      <div className="cluster new-thread__input-tools">
        {typed && input.mode !== "pending" ? (
          <div className="segmented" role="radiogroup" aria-label="Input editor">
            <label>
              <input
                type="radio"
                name="new-thread-input-mode"
                checked={input.mode === "fields"}
                disabled={props.disabled}
                onChange={() => toMode("fields")}
              />
              Typed form
            </label>
            <label>
              <input
                type="radio"
                name="new-thread-input-mode"
                checked={input.mode === "json"}
                disabled={props.disabled}
                onChange={() => toMode("json")}
              />
              JSON
            </label>
          </div>
        ) : null}
        <button
          type="button"
          className="btn btn--small"
          disabled={props.disabled}
          onClick={() => fileRef.current?.click()}
        >
          Load JSON file…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="JSON input file"
          data-testid="new-thread-input-file"
          onChange={(event) => void loadFile(event)}
        />
      </div>
      <p className="field__hint" id="new-thread-input-hint">
        {inputHint(props, typed)}
      </p>
      {notice !== null ? (
        <p className={notice.tone === "error" ? "field__error" : "notice notice--info"} role={notice.tone === "error" ? "alert" : "status"}>
          {notice.text}
        </p>
      ) : null}
      {input.mode === "fields" && model !== null ? (
        <div className="stack" id={INPUT_FORM_ID}>
          {wholeInput.length > 0 ? (
            <p className="field__error" role="alert">
              {wholeInput.join(" ")}
            </p>
          ) : null}
          {model.fields.map((field) => (
            <FieldControl
              key={field.name}
              formId={INPUT_FORM_ID}
              label={field.name}
              path={[field.name]}
              required={field.required}
              description={field.description}
              control={field.control}
              state={input.state[field.name] ?? controlState(field.control, field.defaultValue)}
              errors={errors}
              disabled={props.disabled}
              onChange={(next) => change({ ...input, state: { ...input.state, [field.name]: next } })}
            />
          ))}
          <ExtraKeys keys={Object.keys(input.extras)} />
        </div>
      ) : null}
      {input.mode === "json" ? (
        <JsonEditor
          text={input.text}
          messages={allInputMessages(errors)}
          disabled={props.disabled}
          onChange={(text) => change({ mode: "json", text })}
        />
      ) : null}
    </fieldset>
  );
}

function inputHint(props: InputEditorProps, typed: boolean): string {
  if (props.input.mode === "pending") {
    return props.scriptName === "" ? "Choose a script to see its inputs." : `Loading the inputs of ${props.scriptName}…`;
  }
  if (!typed) return "This script declares no typed inputs: write the input as JSON (any JSON value).";
  return props.input.mode === "fields"
    ? "Generated from the script's contract. Empty optional fields are left out."
    : "A JSON object with the script's inputs. Checked against the contract before anything is sent.";
}

function ExtraKeys({ keys }: { keys: readonly string[] }) {
  if (keys.length === 0) return null;
  return (
    <p className="field__hint">
      Also sent, not named by the contract: <span className="mono">{keys.join(", ")}</span> (edit them in JSON).
    </p>
  );
}

function JsonEditor(props: { text: string; messages: readonly string[]; disabled: boolean; onChange: (text: string) => void }) {
  const id = JSON_EDITOR_ID;
  const invalid = props.messages.length > 0;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Input JSON
      </label>
      <textarea
        id={id}
        className="textarea"
        rows={Math.min(20, Math.max(6, props.text.split("\n").length + 1))}
        spellCheck={false}
        value={props.text}
        disabled={props.disabled}
        aria-invalid={invalid}
        aria-describedby={`${id}-syntax${invalid ? ` ${id}-error` : ""}`}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <JsonSyntaxLine id={`${id}-syntax`} syntax={jsonSyntax(props.text)} />
      {invalid ? (
        <ul className="field__error new-thread__errors" id={`${id}-error`}>
          {props.messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
