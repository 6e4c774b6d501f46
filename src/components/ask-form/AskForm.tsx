// The ask form: generated from the ask's fields (or one JSON editor when the ask describes none),
// the error summary, and the send button (disabled while sending; Ctrl+Enter sends).
import { useEffect, useRef } from "react";
import type { AskFormController } from "../../hooks/useAskForm";
import { ErrorSummary } from "./ErrorSummary";
import { FieldControl } from "./FieldControl";
import { jsonSyntax, JsonSyntaxLine } from "./fields/JsonField";
import type { FormModel } from "./formModel";
import { controlState } from "./formState";
import { fieldDomId } from "./formPaths";
import "./askForm.css";

export type AskFormProps = {
  formId: string;
  model: FormModel | null;
  form: Pick<AskFormController, "draft" | "setDraft" | "errors" | "errorsShown" | "pending" | "submit">;
  submitLabel: string;
  /** Nothing more can be sent (answered, expired…); the draft stays visible. */
  locked: boolean;
};

export function AskForm({ formId, model, form, submitLabel, locked }: AskFormProps) {
  const disabled = locked;
  const ref = useRef<HTMLFormElement>(null);
  const submit = form.submit;
  // Ctrl+Enter (Cmd+Enter) sends from any field of the form.
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        submit();
      }
    };
    element.addEventListener("keydown", onKeyDown);
    return () => element.removeEventListener("keydown", onKeyDown);
  }, [submit]);
  return (
    <form
      ref={ref}
      className="ask-form stack"
      id={formId}
      data-ask-form=""
      noValidate
      aria-busy={form.pending}
      onSubmit={(event) => {
        event.preventDefault();
        form.submit();
      }}
    >
      <ErrorSummary formId={formId} errors={form.errors} shown={form.errorsShown} title="The answer was not sent:" />
      {form.draft.mode === "fields" && model !== null ? (
        model.fields.map((field) => {
          const state = form.draft.mode === "fields" ? form.draft.state[field.name] : undefined;
          return (
            <FieldControl
              key={field.name}
              formId={formId}
              label={field.name}
              path={[field.name]}
              required={field.required}
              description={field.description}
              control={field.control}
              state={state ?? controlState(field.control, field.defaultValue)}
              errors={form.errors}
              disabled={disabled}
              onChange={(next) => {
                if (form.draft.mode === "fields") form.setDraft({ mode: "fields", state: { ...form.draft.state, [field.name]: next } });
              }}
            />
          );
        })
      ) : (
        <JsonAnswerEditor formId={formId} form={form} disabled={disabled} />
      )}
      <div className="cluster">
        <button type="submit" className="btn btn--primary" disabled={form.pending || locked}>
          {form.pending ? "Sending…" : submitLabel}
        </button>
        <span className="subtle ask-form__shortcut">Ctrl+Enter sends</span>
      </div>
    </form>
  );
}

function JsonAnswerEditor({ formId, form, disabled }: { formId: string; form: AskFormProps["form"]; disabled: boolean }) {
  const text = form.draft.mode === "json" ? form.draft.text : "";
  const id = fieldDomId(formId, "");
  const invalid = (form.errors[""] ?? []).length > 0;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Answer (JSON object) <span className="field__optional">(required)</span>
      </label>
      <p className="field__hint" id={`${id}-desc`}>
        This ask does not describe its fields: write the answer as a JSON object.
      </p>
      <textarea
        id={id}
        className="textarea"
        rows={8}
        spellCheck={false}
        value={text}
        disabled={disabled}
        aria-invalid={invalid}
        aria-describedby={`${id}-desc ${id}-syntax`}
        onChange={(event) => form.setDraft({ mode: "json", text: event.target.value })}
      />
      <JsonSyntaxLine id={`${id}-syntax`} syntax={jsonSyntax(text)} />
    </div>
  );
}
