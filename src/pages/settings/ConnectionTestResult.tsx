import { resolveBaseUrl } from "../../api/connectionValidation";
import { describeError } from "../../api/errors";
import { ErrorMessage } from "../../components/common/ErrorMessage";
import { connectionHint, healthSummary, isDraftDirty, type ConnectionDraft } from "./connectionDraft";
import type { ConnectionTestState } from "./useConnectionTest";

export function ConnectionTestResult({ state, saved }: { state: ConnectionTestState; saved: ConnectionDraft }) {
  switch (state.kind) {
    case "idle":
      return null;
    case "running":
      return (
        <p className="notice notice--info">
          <span className="spinner" aria-hidden="true" /> Testing the connection…
        </p>
      );
    case "ok":
      return (
        <div className="stack connection-test__result">
          <p className="notice notice--success">{healthSummary(state.result)}</p>
          <TestedTarget tested={state.tested} saved={saved} />
        </div>
      );
    case "failed": {
      const described = describeError(state.error);
      const hint = connectionHint(described.code, described.message);
      return (
        <div className="stack connection-test__result">
          <ErrorMessage error={state.error} title="Connection failed">
            {hint !== null ? <p className="muted">{hint}</p> : null}
          </ErrorMessage>
          <TestedTarget tested={state.tested} saved={saved} />
        </div>
      );
    }
  }
}

function TestedTarget({ tested, saved }: { tested: ConnectionDraft; saved: ConnectionDraft }) {
  const url = resolveBaseUrl(tested.endpoint, window.location.origin);
  const protocol = tested.protocol === "grpc-web" ? "gRPC-Web" : "Connect";
  return (
    <p className="field__hint">
      Tested <code className="break-all">{url}</code> over {protocol}
      {isDraftDirty(tested, saved) ? " with the values in this form, which are not saved yet." : "."}
    </p>
  );
}
