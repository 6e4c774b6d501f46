// Run options: load the environment (`--env`), and timeout / callback_url, which the service
// accepts but does not enforce today (seed 002) — said next to the fields, so nobody relies on
// them. Where the thread runs is not a choice: threads run in the cloud.
import { FieldError } from "./FieldError";
import { TOP_FIELD_IDS } from "./domIds";

export interface RunOptionsProps {
  loadEnv: boolean;
  timeout: string;
  callbackUrl: string;
  errors: { timeout?: readonly string[]; callbackUrl?: readonly string[] };
  disabled: boolean;
  onLoadEnv: (value: boolean) => void;
  onTimeout: (value: string) => void;
  onCallbackUrl: (value: string) => void;
}

export const NOT_ENFORCED_NOTE =
  "Accepted by the service but not enforced today: the thread is not stopped at this timeout and no callback is sent.";

export function RunOptions(props: RunOptionsProps) {
  const timeoutId = TOP_FIELD_IDS.timeout;
  const callbackId = TOP_FIELD_IDS.callbackUrl;
  const timeoutInvalid = (props.errors.timeout?.length ?? 0) > 0;
  const callbackInvalid = (props.errors.callbackUrl?.length ?? 0) > 0;
  return (
    <fieldset className="stack">
      <legend className="field__label">Run options</legend>
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={props.loadEnv}
            disabled={props.disabled}
            aria-describedby="new-thread-load-env-hint"
            onChange={(event) => props.onLoadEnv(event.target.checked)}
          />
          <span>Load environment</span>
        </label>
        <p className="field__hint" id="new-thread-load-env-hint">
          Resolve the effective merged environment (tenant and script variables) into the run, like the CLI&apos;s{" "}
          <span className="mono">--env</span>.
        </p>
      </div>
      <p className="notice notice--warning" id="new-thread-not-enforced">
        {NOT_ENFORCED_NOTE}
      </p>
      <div className="new-thread__options-grid">
        <div className="field">
          <label className="field__label" htmlFor={timeoutId}>
            Timeout <span className="field__optional">(optional, not enforced)</span>
          </label>
          <input
            id={timeoutId}
            className="input input--mono new-thread__narrow"
            placeholder="5m"
            autoComplete="off"
            value={props.timeout}
            disabled={props.disabled}
            aria-invalid={timeoutInvalid}
            aria-describedby={`new-thread-not-enforced${timeoutInvalid ? ` ${timeoutId}-error` : ""}`}
            onChange={(event) => props.onTimeout(event.target.value)}
          />
          <FieldError id={`${timeoutId}-error`} messages={props.errors.timeout} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={callbackId}>
            Callback URL <span className="field__optional">(optional, not enforced)</span>
          </label>
          <input
            id={callbackId}
            className="input"
            type="url"
            placeholder="https://example.com/hooks/scriptum"
            autoComplete="off"
            value={props.callbackUrl}
            disabled={props.disabled}
            aria-invalid={callbackInvalid}
            aria-describedby={`new-thread-not-enforced${callbackInvalid ? ` ${callbackId}-error` : ""}`}
            onChange={(event) => props.onCallbackUrl(event.target.value)}
          />
          <FieldError id={`${callbackId}-error`} messages={props.errors.callbackUrl} />
        </div>
      </div>
      <p className="field__hint">
        Execution mode: threads always run in the cloud. The service accepts a mode but does not use it, and every
        thread reports &ldquo;cloud&rdquo;, so the console does not offer a choice.
      </p>
    </fieldset>
  );
}
