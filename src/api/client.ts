// The one ScriptumService client of the app, provided through React context so that tests can
// hand the app an in-memory transport (createRouterTransport) and no module is ever mocked.
import { createContext, useContext } from "react";
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { ScriptumService } from "./gen/dodil/scriptum/v1/scriptum_pb";

export type ScriptumClient = Client<typeof ScriptumService>;

export function createScriptumClient(transport: Transport): ScriptumClient {
  return createClient(ScriptumService, transport);
}

export const ScriptumClientContext = createContext<ScriptumClient | null>(null);

export function useScriptumClient(): ScriptumClient {
  const client = useContext(ScriptumClientContext);
  if (client === null) {
    throw new Error("useScriptumClient must be used inside <ScriptumClientContext.Provider>");
  }
  return client;
}
