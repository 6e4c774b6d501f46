// Everything a page needs around it: the Scriptum client (from the transport built from the
// connection settings, or the one a test passes), behind the call gate of the connection (storm
// guard: api/callGate.ts), the transport factory (for testing a draft connection: not gated, so a
// connection can always be tested), and the query client. Also applies the theme.
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { Transport } from "@connectrpc/connect";
import { createCallGate } from "./api/callGate";
import { CallGateContext, type CallGateControls } from "./api/callGateContext";
import { allowProbeWhenVisibleAgain, refetchFailedQueries, refetchFailedQueriesOnRecovery } from "./api/callGateRecovery";
import { createScriptumClient, ScriptumClientContext } from "./api/client";
import { createGatedTransport } from "./api/gatedTransport";
import { createQueryClient } from "./api/queryClient";
import { createAppTransport, TransportFactoryContext, type TransportFactory } from "./api/transport";
import { useSettings } from "./hooks/settingsStore";
import { callAuth } from "./hooks/useConsoleConfig";
import { useThemeSettings } from "./hooks/useThemeSettings";

export interface AppProvidersProps {
  /** Replaces the transport built from settings (tests: createRouterTransport). Gated all the same. */
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
  const inner = useMemo(() => factory({ endpoint, protocol, auth: callAuth }), [factory, endpoint, protocol]);

  // One gate per connection, and a fresh one when the user starts over ("Try again").
  const connectionKey = `${endpoint}\n${protocol}\n${orgId}\n${token}`;
  const [generation, setGeneration] = useState(0);
  const gateKey = `${connectionKey}\n${generation}`;
  const [gateOf, setGateOf] = useState(() => ({ key: gateKey, gate: createCallGate() }));
  let gate = gateOf.gate;
  if (gateOf.key !== gateKey) {
    const next = { key: gateKey, gate: createCallGate() };
    setGateOf(next);
    gate = next.gate;
  }
  const scriptum = useMemo(() => createScriptumClient(createGatedTransport(inner, gate)), [inner, gate]);

  useEffect(() => refetchFailedQueriesOnRecovery(gate, client), [gate, client]);
  useEffect(() => allowProbeWhenVisibleAgain(gate), [gate]);

  // Another server, organization or token: what is cached came from the old one.
  const previousKey = useRef(connectionKey);
  useEffect(() => {
    if (previousKey.current === connectionKey) return;
    previousKey.current = connectionKey;
    void client.resetQueries();
  }, [client, connectionKey]);

  // Started over: once the pages hold the new client (their effects ran), ask again what failed.
  const previousGeneration = useRef(generation);
  useEffect(() => {
    if (previousGeneration.current === generation) return;
    previousGeneration.current = generation;
    void refetchFailedQueries(client);
  }, [client, generation]);

  const controls = useMemo<CallGateControls>(
    () => ({
      gate,
      tryNow: () => {
        gate.allowProbe();
        void refetchFailedQueries(client);
      },
      startOver: () => setGeneration((n) => n + 1),
    }),
    [gate, client],
  );

  useThemeSettings();

  return (
    <TransportFactoryContext.Provider value={factory}>
      <CallGateContext.Provider value={controls}>
        <ScriptumClientContext.Provider value={scriptum}>
          <QueryClientProvider client={client}>{children}</QueryClientProvider>
        </ScriptumClientContext.Provider>
      </CallGateContext.Provider>
    </TransportFactoryContext.Provider>
  );
}
