// Progress of a long transfer: a progress bar with bytes, and the outcome.
import type { Transfer } from "../../hooks/useResultTransfer";
import { ErrorMessage } from "../common/ErrorMessage";
import { formatBytes } from "../json/parsePayload";

export function TransferStatus<T>({ state, label, describe, onCancel }: { state: Transfer<T>; label: string; describe: (r: T) => string; onCancel?: () => void }) {
  switch (state.kind) {
    case "idle":
      return null;
    case "running":
      return (
        <div className="transfer" role="status">
          {state.total > 0 ? <progress max={state.total} value={state.done} aria-label={label} /> : <progress aria-label={label} />}
          <span>
            {formatBytes(state.done)}
            {state.total > 0 ? ` of ${formatBytes(state.total)}` : ""}
            {state.note !== "" ? ` · ${state.note}` : ""}
          </span>
          {onCancel ? (
            <button type="button" className="btn btn--ghost btn--small" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
        </div>
      );
    case "done":
      return (
        <p className="transfer" role="status">
          {describe(state.result)}
        </p>
      );
    case "error":
      return <ErrorMessage error={state.error} title={`${label} failed`} />;
  }
}
