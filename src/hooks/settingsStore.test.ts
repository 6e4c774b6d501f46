import { beforeEach, describe, expect, it } from "vitest";
import {
  createSettingsStore,
  DEFAULT_SETTINGS,
  SETTINGS_KEY,
  TOKEN_KEY,
  type ConnectionSettings,
  type SettingsStorages,
} from "./settingsStore";

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

let storages: { local: MemoryStorage; session: MemoryStorage };

beforeEach(() => {
  storages = { local: new MemoryStorage(), session: new MemoryStorage() };
});

const connection = (overrides: Partial<ConnectionSettings> = {}): ConnectionSettings => ({
  endpoint: "",
  protocol: "connect",
  orgId: "org-1",
  orgName: "Acme",
  token: "secret-token",
  rememberToken: false,
  ...overrides,
});

/** Every stored value, to check that the token is in exactly the expected place. */
function everythingStored(): string {
  const all: string[] = [];
  for (const storage of [storages.local, storages.session]) {
    for (let i = 0; i < storage.length; i++) all.push(storage.getItem(storage.key(i)!) ?? "");
  }
  return all.join("\n");
}

describe("settings store persistence", () => {
  it("starts from the defaults on a fresh browser", () => {
    const store = createSettingsStore(storages);
    expect(store.getState()).toMatchObject(DEFAULT_SETTINGS);
  });

  it("keeps the token in sessionStorage only, by default", () => {
    const store = createSettingsStore(storages);
    expect(store.getState().saveConnection(connection())).toEqual({ ok: true });
    expect(storages.session.getItem(TOKEN_KEY)).toBe("secret-token");
    expect(storages.local.getItem(TOKEN_KEY)).toBeNull();
    expect(storages.local.getItem(SETTINGS_KEY)).not.toContain("secret-token");
    // A new page in the same session sees it; a new session (empty sessionStorage) does not.
    expect(createSettingsStore(storages).getState().token).toBe("secret-token");
    storages.session.clear();
    const nextSession = createSettingsStore(storages).getState();
    expect(nextSession.token).toBe("");
    expect(nextSession.orgId).toBe("org-1");
  });

  it("keeps the token in localStorage only when 'remember on this device' is ticked", () => {
    const store = createSettingsStore(storages);
    store.getState().saveConnection(connection({ rememberToken: true }));
    expect(storages.local.getItem(TOKEN_KEY)).toBe("secret-token");
    expect(storages.session.getItem(TOKEN_KEY)).toBeNull();
    storages.session.clear();
    expect(createSettingsStore(storages).getState()).toMatchObject({ token: "secret-token", rememberToken: true });
  });

  it("removes the token from localStorage when 'remember' is switched off", () => {
    const store = createSettingsStore(storages);
    store.getState().saveConnection(connection({ rememberToken: true }));
    store.getState().saveConnection(connection({ rememberToken: false }));
    expect(storages.local.getItem(TOKEN_KEY)).toBeNull();
    expect(storages.session.getItem(TOKEN_KEY)).toBe("secret-token");
    expect(everythingStored().split("secret-token")).toHaveLength(2);
  });

  it("stores no token at all when it is empty", () => {
    const store = createSettingsStore(storages);
    store.getState().saveConnection(connection({ rememberToken: true }));
    store.getState().saveConnection(connection({ token: "", rememberToken: true }));
    expect(storages.local.getItem(TOKEN_KEY)).toBeNull();
    expect(storages.session.getItem(TOKEN_KEY)).toBeNull();
  });

  it("drops a stale remembered token found while 'remember' is off", () => {
    storages.local.setItem(SETTINGS_KEY, JSON.stringify({ rememberToken: false }));
    storages.local.setItem(TOKEN_KEY, "leftover");
    const store = createSettingsStore(storages);
    expect(store.getState().token).toBe("");
    expect(storages.local.getItem(TOKEN_KEY)).toBeNull();
  });

  it("refuses an invalid endpoint and keeps the saved settings", () => {
    const store = createSettingsStore(storages);
    store.getState().saveConnection(connection({ endpoint: "https://a.example" }));
    const result = store.getState().saveConnection(connection({ endpoint: "not a url", token: "other" }));
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.errors.endpoint).toMatch(/URL/);
    expect(store.getState()).toMatchObject({ endpoint: "https://a.example", token: "secret-token" });
  });

  it("normalizes the endpoint it saves", () => {
    const store = createSettingsStore(storages);
    store.getState().saveConnection(connection({ endpoint: " https://a.example/scriptum/ " }));
    expect(store.getState().endpoint).toBe("https://a.example/scriptum");
  });

  it("persists the theme and the protocol, and ignores corrupt saved values", () => {
    const store = createSettingsStore(storages);
    store.getState().setTheme("dark");
    store.getState().saveConnection(connection({ protocol: "grpc-web" }));
    expect(createSettingsStore(storages).getState()).toMatchObject({ theme: "dark", protocol: "grpc-web" });

    storages.local.setItem(SETTINGS_KEY, JSON.stringify({ theme: "purple", protocol: 3, endpoint: "https://b.example" }));
    expect(createSettingsStore(storages).getState()).toMatchObject({
      theme: "system",
      protocol: "connect",
      endpoint: "https://b.example",
    });
    storages.local.setItem(SETTINGS_KEY, "{not json");
    expect(createSettingsStore(storages).getState()).toMatchObject({ theme: "system" });
  });

  it("keeps working in memory when storage is unavailable or throws", () => {
    const broken: SettingsStorages = {
      local: {
        ...new MemoryStorage(),
        getItem: () => {
          throw new Error("denied");
        },
        setItem: () => {
          throw new Error("quota");
        },
        removeItem: () => {
          throw new Error("denied");
        },
      } as unknown as Storage,
      session: undefined,
    };
    const store = createSettingsStore(broken);
    expect(store.getState().saveConnection(connection())).toEqual({ ok: true });
    expect(store.getState().token).toBe("secret-token");
  });
});
