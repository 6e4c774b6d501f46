// App preferences and connection settings (zustand). Server data never lives here.
//
// Persistence rules:
// - endpoint, protocol, organization, "remember" and theme: localStorage (SETTINGS_KEY).
// - the token: sessionStorage (gone when the browser session ends) unless "remember on this
//   device" is ticked, then localStorage only. Unticking removes it from localStorage. An empty
//   token is stored nowhere. The token is never put in a URL.
import { createStore, type StoreApi } from "zustand/vanilla";
import { useStore } from "zustand";
import { validateEndpoint, validateHeaderValue } from "../api/connectionValidation";
import { PROTOCOLS, type Protocol } from "../api/transport";

export type ThemePreference = "system" | "light" | "dark";
export const THEME_PREFERENCES: readonly ThemePreference[] = ["system", "light", "dark"];

export interface ConnectionSettings {
  endpoint: string;
  protocol: Protocol;
  orgId: string;
  orgName: string;
  token: string;
  rememberToken: boolean;
}

export interface SettingsState extends ConnectionSettings {
  theme: ThemePreference;
}

export type SaveConnectionResult =
  | { ok: true }
  | { ok: false; errors: Partial<Record<keyof ConnectionSettings, string>> };

export interface SettingsActions {
  /** Validates, then saves all connection fields at once; nothing is saved when a field is invalid. */
  saveConnection(next: ConnectionSettings): SaveConnectionResult;
  setTheme(theme: ThemePreference): void;
}

export type SettingsStore = SettingsState & SettingsActions;

export const SETTINGS_KEY = "scriptum-console.settings";
export const TOKEN_KEY = "scriptum-console.token";

export const DEFAULT_SETTINGS: SettingsState = {
  endpoint: "",
  protocol: "connect",
  orgId: "",
  orgName: "",
  token: "",
  rememberToken: false,
  theme: "system",
};

export interface SettingsStorages {
  local: Storage | undefined;
  session: Storage | undefined;
}

/** The checks saveConnection applies; the settings form shows the same messages per field. */
export function validateConnection(
  next: ConnectionSettings,
): { ok: true; value: ConnectionSettings } | { ok: false; errors: Partial<Record<keyof ConnectionSettings, string>> } {
  const errors: Partial<Record<keyof ConnectionSettings, string>> = {};
  const endpoint = validateEndpoint(next.endpoint);
  if (!endpoint.ok) errors.endpoint = endpoint.message;
  const orgId = validateHeaderValue("The organization id", next.orgId);
  if (!orgId.ok) errors.orgId = orgId.message;
  const orgName = validateHeaderValue("The organization name", next.orgName);
  if (!orgName.ok) errors.orgName = orgName.message;
  const token = validateHeaderValue("The token", next.token);
  if (!token.ok) errors.token = token.message;
  if (!PROTOCOLS.includes(next.protocol)) errors.protocol = "Choose Connect or gRPC-Web.";
  if (!endpoint.ok || !orgId.ok || !orgName.ok || !token.ok || errors.protocol !== undefined) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      endpoint: endpoint.value,
      protocol: next.protocol,
      orgId: orgId.value,
      orgName: orgName.value,
      token: token.value,
      rememberToken: next.rememberToken,
    },
  };
}

export function createSettingsStore(storages: SettingsStorages): StoreApi<SettingsStore> {
  const store = createStore<SettingsStore>()((set) => ({
    ...loadSettings(storages),
    saveConnection(next) {
      const checked = validateConnection(next);
      if (!checked.ok) return { ok: false, errors: checked.errors };
      set(checked.value);
      return { ok: true };
    },
    setTheme(theme) {
      set({ theme });
    },
  }));
  persistSettings(store.getState(), storages);
  store.subscribe((state) => persistSettings(state, storages));
  return store;
}

export function loadSettings({ local, session }: SettingsStorages): SettingsState {
  const saved = parseSaved(read(local, SETTINGS_KEY));
  const rememberToken = saved.rememberToken ?? DEFAULT_SETTINGS.rememberToken;
  const token = (rememberToken ? read(local, TOKEN_KEY) : read(session, TOKEN_KEY)) ?? "";
  return {
    endpoint: saved.endpoint ?? DEFAULT_SETTINGS.endpoint,
    protocol: saved.protocol ?? DEFAULT_SETTINGS.protocol,
    orgId: saved.orgId ?? DEFAULT_SETTINGS.orgId,
    orgName: saved.orgName ?? DEFAULT_SETTINGS.orgName,
    rememberToken,
    theme: saved.theme ?? DEFAULT_SETTINGS.theme,
    token,
  };
}

function persistSettings(state: SettingsState, { local, session }: SettingsStorages): void {
  const saved: SavedSettings = {
    endpoint: state.endpoint,
    protocol: state.protocol,
    orgId: state.orgId,
    orgName: state.orgName,
    rememberToken: state.rememberToken,
    theme: state.theme,
  };
  write(local, SETTINGS_KEY, JSON.stringify(saved));
  const [keep, drop] = state.rememberToken ? [local, session] : [session, local];
  remove(drop, TOKEN_KEY);
  if (state.token === "") remove(keep, TOKEN_KEY);
  else write(keep, TOKEN_KEY, state.token);
}

type SavedSettings = Partial<Omit<SettingsState, "token">>;

/** Anything unreadable or of the wrong type falls back to the default, field by field. */
function parseSaved(raw: string | undefined): SavedSettings {
  if (raw === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof value !== "object" || value === null) return {};
  const record = value as Record<string, unknown>;
  const saved: SavedSettings = {};
  if (typeof record.endpoint === "string") saved.endpoint = record.endpoint;
  if (isProtocol(record.protocol)) saved.protocol = record.protocol;
  if (typeof record.orgId === "string") saved.orgId = record.orgId;
  if (typeof record.orgName === "string") saved.orgName = record.orgName;
  if (typeof record.rememberToken === "boolean") saved.rememberToken = record.rememberToken;
  if (isTheme(record.theme)) saved.theme = record.theme;
  return saved;
}

function isProtocol(value: unknown): value is Protocol {
  return PROTOCOLS.includes(value as Protocol);
}

function isTheme(value: unknown): value is ThemePreference {
  return THEME_PREFERENCES.includes(value as ThemePreference);
}

// Storage can be missing (private modes) or throw (quota, disabled): settings then live in
// memory for this page only, and the console keeps working.
function read(storage: Storage | undefined, key: string): string | undefined {
  try {
    return storage?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(storage: Storage | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // See above.
  }
}

function remove(storage: Storage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // See above.
  }
}

function browserStorages(): SettingsStorages {
  const safe = (get: () => Storage): Storage | undefined => {
    try {
      return get();
    } catch {
      return undefined;
    }
  };
  if (typeof window === "undefined") return { local: undefined, session: undefined };
  return { local: safe(() => window.localStorage), session: safe(() => window.sessionStorage) };
}

/** The app's settings store, persisted in this browser. */
export const settingsStore: StoreApi<SettingsStore> = createSettingsStore(browserStorages());

export function useSettings<T>(selector: (state: SettingsStore) => T): T {
  return useStore(settingsStore, selector);
}
