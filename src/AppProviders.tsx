// Everything a page needs around it: the Scriptum client (from the transport built from the
// connection settings, or the one a test passes), the transport factory (for testing a draft
// connection), and the query client. Also applies the theme.
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { Transport } from "@connectrpc/connect";
import { createScriptumClient, ScriptumClientContext } from "./api/client";
import { createQueryClient } from "./api/queryClient";
import { createAppTransport, TransportFactoryContext, type TransportFactory } from "./api/transport";
import { useSettings } from "./hooks/settingsStore";
import { callAuth } from "./hooks/useConsoleConfig";
import { useThemeSettings } from "./hooks/useThemeSettings";

export interface AppProvidersProps {
  /** Replaces the transport built from settings (tests: createRouterTransport). */
  transport?: Transport | undefined;
  queryClient?: QueryClient | undefined;
  children: ReactNode;
}

export function AppProviders({ transport, queryClient, children }: AppProvidersProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const endpoint = useSettings((state) => state.endpoint);
  const protocol = useSettings((state) => state.protocol);
  const orgId = useSettings((state) => state.orgId);
  const token = useSettings((state) => state.token);

  const factory = useMemo<TransportFactory>(
    () => (transport !== undefined ? () => transport : (settings) => createAppTransport(settings)),
    [transport],
  );
  const scriptum = useMemo(
    () => createScriptumClient(factory({ endpoint, protocol, auth: callAuth })),
    [factory, endpoint, protocol],
  );

  // Another server, organization or token: what is cached came from the old one.
  const connectionKey = `${endpoint}\n${protocol}\n${orgId}\n${token}`;
  const previousKey = useRef(connectionKey);
  useEffect(() => {
    if (previousKey.current === connectionKey) return;
    previousKey.current = connectionKey;
    void client.resetQueries();
  }, [client, connectionKey]);

  useThemeSettings();

  return (
    <TransportFactoryContext.Provider value={factory}>
      <ScriptumClientContext.Provider value={scriptum}>
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </ScriptumClientContext.Provider>
    </TransportFactoryContext.Provider>
  );
}
