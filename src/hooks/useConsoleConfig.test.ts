// The decision the transport's auth interceptor applies, and its effect end to end: a token left
// in storage is never sent (and is forgotten) when the gateway holds the credentials.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClient, createRouterTransport } from "@connectrpc/connect";
import { ScriptumService } from "../api/gen/dodil/scriptum/v1/scriptum_pb";
import { createAuthInterceptor } from "../api/interceptors";
import type { ConsoleConfig } from "../api/consoleConfig";
import { DEFAULT_SETTINGS, settingsStore, TOKEN_KEY } from "./settingsStore";
import {
  callAuth,
  consoleConfigStore,
  decideCallAuth,
  loadConsoleConfig,
  resetConsoleConfig,
} from "./useConsoleConfig";

const HELD: ConsoleConfig = { mode: "gateway", credentials: "gateway", orgId: "org-g" };
const SANDBOX: ConsoleConfig = { mode: "sandbox", credentials: "browser" };
const AUTH = { token: "old-token", orgId: "org-1", orgName: "Acme" };

function reset() {
  localStorage.clear();
  sessionStorage.clear();
  settingsStore.setState({ ...DEFAULT_SETTINGS });
  resetConsoleConfig();
}
beforeEach(reset);
afterEach(reset);

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Calls HealthCheck through the app's auth interceptor; returns the authorization the server saw. */
async function authorizationSeen(): Promise<string | null> {
  let seen: string | null = "not called";
  const transport = createRouterTransport(
    ({ service }) => {
      service(ScriptumService, {
        healthCheck(_request, context) {
          seen = context.requestHeader.get("authorization");
          return { status: "ok", version: "test" };
        },
      });
    },
    { transport: { interceptors: [createAuthInterceptor(callAuth)] } },
  );
  await createClient(ScriptumService, transport).healthCheck({});
  return seen;
}

describe("decideCallAuth", () => {
  it("sends nothing when the gateway holds the credentials, the settings otherwise", () => {
    expect(decideCallAuth(AUTH, { status: "ready", config: HELD })).toEqual({ token: "", orgId: "", orgName: "" });
    expect(decideCallAuth(AUTH, { status: "ready", config: SANDBOX })).toEqual(AUTH);
    expect(decideCallAuth(AUTH, { status: "ready", config: { mode: "unknown", credentials: "browser" } })).toEqual(
      AUTH,
    );
  });

  it("waits for the config only when a token could be sent", () => {
    expect(decideCallAuth(AUTH, { status: "loading" })).toBe("wait-for-config");
    expect(decideCallAuth(AUTH, { status: "idle" })).toBe("wait-for-config");
    const noToken = { token: " ", orgId: "org-1", orgName: "" };
    expect(decideCallAuth(noToken, { status: "idle" })).toEqual(noToken);
  });
});

describe("callAuth through the interceptor", () => {
  it("never sends a stored token when the gateway holds the credentials, and forgets it", async () => {
    settingsStore.getState().saveConnection({ ...DEFAULT_SETTINGS, token: "old-token", rememberToken: true });
    expect(localStorage.getItem(TOKEN_KEY)).toBe("old-token");
    const config = deferred<ConsoleConfig>();
    void loadConsoleConfig(() => config.promise);

    const call = authorizationSeen();
    config.resolve(HELD);
    expect(await call).toBeNull();
    expect(consoleConfigStore.getState()).toEqual({ status: "ready", config: HELD });
    expect(settingsStore.getState().token).toBe("");
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(await authorizationSeen()).toBeNull();
  });

  it("sends the token once the config says the browser holds the credentials", async () => {
    settingsStore.getState().saveConnection({ ...DEFAULT_SETTINGS, token: "tok-2" });
    const config = deferred<ConsoleConfig>();
    void loadConsoleConfig(() => config.promise);
    const call = authorizationSeen();
    config.resolve(SANDBOX);
    expect(await call).toBe("Bearer tok-2");
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe("tok-2");
  });

  it("loads the config once for many calls", async () => {
    let loads = 0;
    const config = deferred<ConsoleConfig>();
    const load = () => {
      loads++;
      return config.promise;
    };
    const first = loadConsoleConfig(load);
    const second = loadConsoleConfig(load);
    config.resolve(SANDBOX);
    expect(await first).toEqual(SANDBOX);
    expect(await second).toEqual(SANDBOX);
    expect(await loadConsoleConfig(load)).toEqual(SANDBOX);
    expect(loads).toBe(1);
  });
});
