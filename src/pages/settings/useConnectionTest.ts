// Runs HealthCheck with the values in the form (saved or not) and keeps the latest outcome.
// A newer test replaces an older one; leaving the page aborts a test in flight.
import { useCallback, useEffect, useRef, useState } from "react";
import { checkHealth, type HealthResult } from "../../api/health";
import { useTransportFactory } from "../../api/transport";
import type { ConnectionDraft } from "./connectionDraft";

export type ConnectionTestState =
  | { kind: "idle" }
  | { kind: "running" }
  | { kind: "ok"; result: HealthResult; tested: ConnectionDraft }
  | { kind: "failed"; error: unknown; tested: ConnectionDraft };

export function useConnectionTest(): {
  state: ConnectionTestState;
  run: (draft: ConnectionDraft) => void;
  reset: () => void;
} {
  const factory = useTransportFactory();
  const [state, setState] = useState<ConnectionTestState>({ kind: "idle" });
  const current = useRef<AbortController | null>(null);

  useEffect(() => () => current.current?.abort(), []);

  const run = useCallback(
    (draft: ConnectionDraft) => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      setState({ kind: "running" });
      const auth = { token: draft.token, orgId: draft.orgId, orgName: draft.orgName };
      const transport = factory({ endpoint: draft.endpoint, protocol: draft.protocol, auth: () => auth });
      checkHealth(transport, { signal: controller.signal }).then(
        (result) => {
          if (!controller.signal.aborted) setState({ kind: "ok", result, tested: draft });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ kind: "failed", error, tested: draft });
        },
      );
    },
    [factory],
  );

  const reset = useCallback(() => {
    current.current?.abort();
    setState({ kind: "idle" });
  }, []);

  return { state, run, reset };
}
