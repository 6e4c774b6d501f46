// Where the step-tree worker sends its own StreamStepResult call: the same endpoint, protocol and
// identity headers as the page's transport, read from the connection settings.
import { useMemo } from "react";
import { resolveBaseUrl } from "../api/connectionValidation";
import type { WorkerConnection } from "../api/steps/workerProtocol";
import { settingsStore, useSettings, type SettingsStore } from "./settingsStore";

type ConnectionSettings = Pick<SettingsStore, "endpoint" | "protocol" | "token" | "orgId" | "orgName">;

function stepWorkerConnection({ endpoint, protocol, token, orgId, orgName }: ConnectionSettings): WorkerConnection {
  return {
    baseUrl: resolveBaseUrl(endpoint, typeof window === "undefined" ? "" : window.location.origin),
    protocol,
    auth: { token, orgId, orgName },
  };
}

/** The worker's connection from the settings as they are now (route loaders, outside React). */
export function currentStepWorkerConnection(): WorkerConnection {
  return stepWorkerConnection(settingsStore.getState());
}

export function useStepWorkerConnection(): WorkerConnection {
  const endpoint = useSettings((s) => s.endpoint);
  const protocol = useSettings((s) => s.protocol);
  const token = useSettings((s) => s.token);
  const orgId = useSettings((s) => s.orgId);
  const orgName = useSettings((s) => s.orgName);
  return useMemo(
    () => stepWorkerConnection({ endpoint, protocol, token, orgId, orgName }),
    [endpoint, protocol, token, orgId, orgName],
  );
}
