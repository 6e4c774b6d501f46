// The connection form: edits a draft; "Save" validates and stores it, "Test connection" runs
// HealthCheck with the draft (saved or not). Invalid input stays in its field with a message.
// When the gateway in front of the console holds the credentials, the identity fields are not
// shown and the token is neither kept nor sent (the endpoint should then stay empty).
import { useId, useState, type FormEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { mixedContentWarning } from "../../api/connectionValidation";
import type { Protocol } from "../../api/transport";
import { settingsStore, useSettings, validateConnection } from "../../hooks/settingsStore";
import { useConsoleConfig } from "../../hooks/useConsoleConfig";
import { ConnectionTestResult } from "./ConnectionTestResult";
import { draftFromSettings, isDraftDirty, withoutHeldCredentials, type ConnectionDraft, type DraftField } from "./connectionDraft";
import { ServerMode } from "./ServerMode";
import { useConnectionTest } from "./useConnectionTest";

type FieldErrors = Partial<Record<DraftField, string>>;

export function ConnectionForm() {
  const consoleConfig = useConsoleConfig();
  const held = consoleConfig.status === "ready" && consoleConfig.config.credentials === "gateway";
  const savedSettings = useSettings(useShallow(draftFromSettings));
  const saved = held ? withoutHeldCredentials(savedSettings) : savedSettings;
  const [editedDraft, setDraft] = useState<ConnectionDraft>(() => draftFromSettings(settingsStore.getState()));
  // With gateway-held credentials a token typed or loaded before the config was known never counts.
  const draft = held ? withoutHeldCredentials(editedDraft) : editedDraft;
  const [touched, setTouched] = useState<ReadonlySet<DraftField>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [savedNotice, setSavedNotice] = useState(false);
  const [showToken, setShowToken] = useState(false);
  const test = useConnectionTest();
  const id = useId();

  const checked = validateConnection(draft);
  const errors: FieldErrors = checked.ok ? {} : checked.errors;
  const visibleError = (field: DraftField): string | undefined =>
    attempted || touched.has(field) ? errors[field] : undefined;
  const dirty = isDraftDirty(draft, saved);
  const warning = checked.ok ? mixedContentWarning(checked.value.endpoint, window.location.protocol) : null;

  function update<K extends DraftField>(field: K, value: ConnectionDraft[K]) {
    setDraft((previous) => ({ ...previous, [field]: value }));
    setSavedNotice(false);
  }

  function touch(field: DraftField) {
    setTouched((previous) => new Set(previous).add(field));
  }

  function save(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    const result = settingsStore.getState().saveConnection(draft);
    if (!result.ok) {
      focusFirstInvalid(result.errors);
      return;
    }
    setDraft(draftFromSettings(settingsStore.getState()));
    setAttempted(false);
    setTouched(new Set());
    setSavedNotice(true);
  }

  function runTest() {
    setAttempted(true);
    if (!checked.ok) {
      focusFirstInvalid(checked.errors);
      return;
    }
    test.run(checked.value);
  }

  function discard() {
    setDraft(saved);
    setTouched(new Set());
    setAttempted(false);
  }

  function focusFirstInvalid(fieldErrors: FieldErrors) {
    const first = FIELD_ORDER.find((field) => fieldErrors[field] !== undefined);
    if (first !== undefined) document.getElementById(`${id}-${first}`)?.focus();
  }

  const describedBy = (field: DraftField, ...extra: string[]): string =>
    [...extra, visibleError(field) !== undefined ? `${id}-${field}-error` : ""].filter(Boolean).join(" ");

  return (
    <form className="settings-form" onSubmit={save} noValidate aria-labelledby={`${id}-title`}>
      <div className="card">
        <div className="card__header">
          <h2 id={`${id}-title`}>Connection</h2>
          <span className="muted" role="status">
            {dirty ? "Unsaved changes" : savedNotice ? "Saved" : ""}
          </span>
        </div>
        <div className="card__body settings-grid">
          <ServerMode state={consoleConfig} />
          <div className="field settings-grid__wide">
            <label className="field__label" htmlFor={`${id}-endpoint`}>
              Endpoint <span className="field__optional">optional</span>
            </label>
            <input
              id={`${id}-endpoint`}
              className="input input--mono"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder={held ? "Leave empty: the gateway adds the credentials" : "Empty: this console's own server"}
              value={draft.endpoint}
              onChange={(event) => update("endpoint", event.target.value)}
              onBlur={() => touch("endpoint")}
              aria-invalid={visibleError("endpoint") !== undefined}
              aria-describedby={describedBy("endpoint", `${id}-endpoint-hint`)}
            />
            <FieldError id={`${id}-endpoint-error`} message={visibleError("endpoint")} />
            {warning !== null ? <p className="field__warning">{warning}</p> : null}
            {held && draft.endpoint !== "" ? (
              <p className="field__warning">
                The gateway adds the credentials only to calls through this console&apos;s server.{" "}
                <button type="button" className="btn btn--ghost" onClick={() => update("endpoint", "")}>
                  Use this console&apos;s server
                </button>
              </p>
            ) : null}
            <p className="field__hint" id={`${id}-endpoint-hint`}>
              Where Scriptum answers Connect or gRPC-Web calls. Empty: this console's own server,{" "}
              <code>{window.location.origin}</code>.
            </p>
          </div>

          <fieldset className="field settings-grid__wide">
            <legend className="field__label">Protocol</legend>
            <div className="segmented">
              {PROTOCOL_OPTIONS.map((option) => (
                <label key={option.value}>
                  <input
                    type="radio"
                    name={`${id}-protocol`}
                    value={option.value}
                    checked={draft.protocol === option.value}
                    onChange={() => update("protocol", option.value)}
                  />
                  {option.label}
                </label>
              ))}
            </div>
            <p className="field__hint">
              Connect for this console's server and Connect deployments; gRPC-Web for a proxy such as
              Envoy's grpc_web filter.
            </p>
          </fieldset>

          {held ? null : (
            <>
            <TextField
              id={`${id}-orgId`}
              label="Organization id"
              value={draft.orgId}
              error={visibleError("orgId")}
              hint="Sent as x-organization-id."
              onChange={(value) => update("orgId", value)}
              onBlur={() => touch("orgId")}
            />
            <TextField
              id={`${id}-orgName`}
              label="Organization name"
              value={draft.orgName}
              error={visibleError("orgName")}
              hint="Sent as x-organization-name."
              onChange={(value) => update("orgName", value)}
              onBlur={() => touch("orgName")}
            />

            <div className="field settings-grid__wide">
              <label className="field__label" htmlFor={`${id}-token`}>
                Token <span className="field__optional">optional</span>
              </label>
              <div className="input-group">
                <input
                  id={`${id}-token`}
                  className="input input--mono"
                  type={showToken ? "text" : "password"}
                  autoComplete="off"
                  spellCheck={false}
                  value={draft.token}
                  onChange={(event) => update("token", event.target.value)}
                  onBlur={() => touch("token")}
                  aria-invalid={visibleError("token") !== undefined}
                  aria-describedby={describedBy("token", `${id}-token-hint`)}
                />
                <button
                  type="button"
                  className="btn"
                  aria-pressed={showToken}
                  aria-controls={`${id}-token`}
                  onClick={() => setShowToken((value) => !value)}
                >
                  {showToken ? "Hide" : "Show"}
                </button>
              </div>
              <FieldError id={`${id}-token-error`} message={visibleError("token")} />
              <p className="field__hint" id={`${id}-token-hint`}>
                Sent as <code>authorization: Bearer …</code>. Never put in a URL.
              </p>
              <label className="check">
                <input
                  type="checkbox"
                  checked={draft.rememberToken}
                  onChange={(event) => update("rememberToken", event.target.checked)}
                  aria-describedby={`${id}-remember-hint`}
                />
                <span>Remember on this device</span>
              </label>
              <p className="field__hint" id={`${id}-remember-hint`}>
                {draft.rememberToken
                  ? "The token is kept in this browser's local storage until you untick this or clear it."
                  : "The token is kept for this browser session only and forgotten when the browser closes."}
              </p>
            </div>
            </>
          )}
        </div>
        <div className="settings-actions">
          <button type="submit" className="btn btn--primary" disabled={!dirty}>
            Save
          </button>
          <button type="button" className="btn" onClick={runTest} disabled={test.state.kind === "running"}>
            Test connection
          </button>
          {dirty ? (
            <button type="button" className="btn btn--ghost" onClick={discard}>
              Discard changes
            </button>
          ) : null}
        </div>
        <div className="connection-test" aria-live="polite">
          <ConnectionTestResult state={test.state} saved={saved} />
        </div>
      </div>
    </form>
  );
}

const FIELD_ORDER: readonly DraftField[] = ["endpoint", "protocol", "orgId", "orgName", "token"];

const PROTOCOL_OPTIONS: readonly { value: Protocol; label: string }[] = [
  { value: "connect", label: "Connect" },
  { value: "grpc-web", label: "gRPC-Web" },
];

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p className="field__error" id={id}>
      {message}
    </p>
  );
}

function TextField(props: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  hint: string;
  onChange: (value: string) => void;
  onBlur: () => void;
}) {
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={props.id}>
        {props.label} <span className="field__optional">optional</span>
      </label>
      <input
        id={props.id}
        className="input"
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        onBlur={props.onBlur}
        aria-invalid={props.error !== undefined}
        aria-describedby={[hintId, props.error !== undefined ? errorId : ""].filter(Boolean).join(" ")}
      />
      <FieldError id={errorId} message={props.error} />
      <p className="field__hint" id={hintId}>
        {props.hint}
      </p>
    </div>
  );
}
