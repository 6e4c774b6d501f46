// What the server in front of the app says about itself (GET /__console/config), loaded once per
// page. When the gateway holds the credentials, the browser keeps no token (a token left in
// storage from before is cleared) and sends none: callAuth() is what the transport's interceptor
// reads on every call, and it waits for the config only while a stored token might be sent.
import { useEffect } from "react";
import { createStore, type StoreApi } from "zustand/vanilla";
import { useStore } from "zustand";
import { fetchConsoleConfig, gatewayHoldsCredentials, type ConsoleConfig } from "../api/consoleConfig";
import type { AuthHeaders } from "../api/interceptors";
import { settingsStore, type SettingsStore } from "./settingsStore";

export type ConsoleConfigState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; config: ConsoleConfig };

export const consoleConfigStore: StoreApi<ConsoleConfigState> = createStore<ConsoleConfigState>()(() => ({
  status: "idle",
}));

let pending: Promise<ConsoleConfig> | null = null;

/** Loads the config once (later calls share the answer); `load` is replaceable for tests. */
export function loadConsoleConfig(load: () => Promise<ConsoleConfig> = fetchConsoleConfig): Promise<ConsoleConfig> {
  const state = consoleConfigStore.getState();
  if (state.status === "ready") return Promise.resolve(state.config);
  if (pending !== null) return pending;
  consoleConfigStore.setState({ status: "loading" });
  const started = load().then((config) => {
    applyConsoleConfig(config);
    return config;
  });
  pending = started;
  void started.finally(() => {
    if (pending === started) pending = null;
  });
  return started;
}

/** Records the config; with gateway-held credentials, forgets any token the browser kept. */
export function applyConsoleConfig(config: ConsoleConfig, settings: StoreApi<SettingsStore> = settingsStore): void {
  consoleConfigStore.setState({ status: "ready", config });
  if (gatewayHoldsCredentials(config) && settings.getState().token !== "") {
    // An empty token is stored nowhere: this also removes it from session and local storage.
    settings.setState({ token: "" });
  }
}

/** Back to "not loaded" (tests). */
export function resetConsoleConfig(): void {
  pending = null;
  consoleConfigStore.setState({ status: "idle" }, true);
}

const NO_AUTH: AuthHeaders = { token: "", orgId: "", orgName: "" };

/**
 * The identity headers for a call, decided from the settings and the console config: none when
 * the gateway holds the credentials; the settings' values when the browser does. A stored token is
 * never sent before the config is known (the call waits for it, once per page).
 */
export function decideCallAuth(
  auth: AuthHeaders,
  config: ConsoleConfigState,
): AuthHeaders | "wait-for-config" {
  if (config.status === "ready") return gatewayHoldsCredentials(config.config) ? NO_AUTH : auth;
  return auth.token.trim() === "" ? auth : "wait-for-config";
}

/** What the transport's auth interceptor reads on every call. */
export function callAuth(): AuthHeaders | Promise<AuthHeaders> {
  const decided = decideCallAuth(readSettingsAuth(), consoleConfigStore.getState());
  if (decided !== "wait-for-config") return decided;
  return loadConsoleConfig().then(() => {
    const again = decideCallAuth(readSettingsAuth(), consoleConfigStore.getState());
    return again === "wait-for-config" ? NO_AUTH : again;
  });
}

function readSettingsAuth(): AuthHeaders {
  const { token, orgId, orgName } = settingsStore.getState();
  return { token, orgId, orgName };
}

/** The config, loading it on first use. */
export function useConsoleConfig(): ConsoleConfigState {
  const state = useStore(consoleConfigStore);
  useEffect(() => {
    if (consoleConfigStore.getState().status === "idle") void loadConsoleConfig();
  }, []);
  return state;
}
