// What the server in front of this console is (sandbox / gateway / unknown), and, when the gateway
// holds the credentials, that this browser keeps and sends no token.
import { heldCredentialsSummary, modeLabel } from "../../api/consoleConfig";
import type { ConsoleConfigState } from "../../hooks/useConsoleConfig";

export function ServerMode({ state }: { state: ConsoleConfigState }) {
  if (state.status !== "ready") {
    return (
      <p className="field__hint settings-grid__wide" data-testid="console-mode">
        Checking what serves this console…
      </p>
    );
  }
  const { config } = state;
  return (
    <div className="stack settings-grid__wide">
      <p className="field__hint" data-testid="console-mode" data-mode={config.mode}>
        Mode: <strong>{config.mode}</strong> — {modeLabel(config.mode)}.
      </p>
      {config.credentials === "gateway" ? (
        <p className="notice notice--info" data-testid="held-credentials">
          {heldCredentialsSummary(config)}. This browser keeps no token and sends none; leave the endpoint
          empty so calls go through this console&apos;s server.
        </p>
      ) : null}
    </div>
  );
}
