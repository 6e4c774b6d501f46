// GET /__console/config from the console's own origin: what the server in front of the app says
// about itself (server/gateway/console-config.ts). "sandbox": the embedded sandbox answers;
// "gateway": a real Scriptum behind the built-in gateway. credentials "gateway": the gateway adds
// the identity headers itself, so the browser must neither hold nor send a token.
// A plain static host may serve the app: a 404, a non-JSON answer, a network error or a timeout
// all mean "unknown", and the browser holds the credentials as usual.

export const CONSOLE_CONFIG_PATH = "/__console/config";
export const CONSOLE_CONFIG_TIMEOUT_MS = 5_000;

export interface ConsoleConfig {
  mode: "sandbox" | "gateway" | "unknown";
  credentials: "gateway" | "browser";
  /** The organization the gateway acts for, when it holds the credentials (not secret). */
  orgId?: string;
  orgName?: string;
}

export const UNKNOWN_CONSOLE_CONFIG: ConsoleConfig = { mode: "unknown", credentials: "browser" };

export type ConfigFetch = (input: string, init: RequestInit) => Promise<Response>;

export async function fetchConsoleConfig(
  options: { origin?: string; fetch?: ConfigFetch; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ConsoleConfig> {
  const origin = options.origin ?? window.location.origin;
  const doFetch: ConfigFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeout = AbortSignal.timeout(options.timeoutMs ?? CONSOLE_CONFIG_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await doFetch(new URL(CONSOLE_CONFIG_PATH, origin).href, {
      method: "GET",
      headers: { accept: "application/json" },
      credentials: "omit",
      cache: "no-store",
      signal,
    });
    if (!response.ok) return UNKNOWN_CONSOLE_CONFIG;
    return parseConsoleConfig(await response.text());
  } catch {
    return UNKNOWN_CONSOLE_CONFIG;
  }
}

/** The config in a response body; anything unreadable or of the wrong shape is "unknown". */
export function parseConsoleConfig(body: string): ConsoleConfig {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return UNKNOWN_CONSOLE_CONFIG;
  }
  if (typeof value !== "object" || value === null) return UNKNOWN_CONSOLE_CONFIG;
  const record = value as Record<string, unknown>;
  const mode = record.mode === "sandbox" || record.mode === "gateway" ? record.mode : null;
  if (mode === null) return UNKNOWN_CONSOLE_CONFIG;
  const credentials = record.credentials === "gateway" ? "gateway" : "browser";
  const config: ConsoleConfig = { mode, credentials };
  if (credentials === "gateway") {
    if (typeof record.orgId === "string" && record.orgId !== "") config.orgId = record.orgId;
    if (typeof record.orgName === "string" && record.orgName !== "") config.orgName = record.orgName;
  }
  return config;
}

/** True when the server in front of the app adds the credentials: the browser sends no token. */
export function gatewayHoldsCredentials(config: ConsoleConfig | null): boolean {
  return config?.credentials === "gateway";
}

/** "The gateway holds the credentials (organisation E2E Org)". */
export function heldCredentialsSummary(config: ConsoleConfig): string {
  const org = config.orgName ?? config.orgId;
  return `The gateway holds the credentials${org !== undefined ? ` (organisation ${org})` : ""}`;
}

/** How the settings page names the server mode. */
export function modeLabel(mode: ConsoleConfig["mode"]): string {
  switch (mode) {
    case "sandbox":
      return "Sandbox: the embedded sandbox Scriptum answers";
    case "gateway":
      return "Gateway: calls go through this console's server to a real Scriptum";
    case "unknown":
      return "Unknown: this console is served without a Scriptum server of its own";
  }
}
