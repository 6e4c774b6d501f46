// GET /__console/config: what the served app needs to know about the server in front of it.
// The settings page reads it to say "the gateway holds the credentials" (and to stop asking for a
// token). It carries no secret and no upstream address.
import type { NodeRequest, NodeResponse } from "../http/responses";
import { holdsCredentials, type GatewayCredentials } from "./forward-headers";

export const CONSOLE_CONFIG_PATH = "/__console/config";

export interface ConsoleConfig {
  /** "sandbox": the embedded sandbox answers; "gateway": calls go to a real Scriptum. */
  mode: "sandbox" | "gateway";
  /** "gateway": the server adds the identity headers; the browser must not send a token. */
  credentials: "gateway" | "browser";
  /** The organization the gateway acts for, when it holds the credentials (not secret). */
  orgId?: string;
  orgName?: string;
}

export const SANDBOX_CONFIG: ConsoleConfig = { mode: "sandbox", credentials: "browser" };

export function gatewayConfig(credentials: GatewayCredentials | undefined): ConsoleConfig {
  if (!holdsCredentials(credentials)) return { mode: "gateway", credentials: "browser" };
  const config: ConsoleConfig = { mode: "gateway", credentials: "gateway" };
  if (credentials?.orgId) config.orgId = credentials.orgId;
  if (credentials?.orgName) config.orgName = credentials.orgName;
  return config;
}

/** Answers GET/HEAD /__console/config; returns false for every other path. */
export function handleConsoleConfig(req: NodeRequest, res: NodeResponse, config: ConsoleConfig): boolean {
  if (pathOf(req) !== CONSOLE_CONFIG_PATH) return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    sendBody(res, 405, "method not allowed\n", "text/plain; charset=utf-8", false);
    return true;
  }
  sendBody(res, 200, `${JSON.stringify(config)}\n`, "application/json; charset=utf-8", req.method === "HEAD");
  return true;
}

export function pathOf(req: NodeRequest): string {
  return new URL(req.url ?? "/", "http://console.invalid").pathname;
}

export function sendBody(res: NodeResponse, status: number, text: string, contentType: string, head: boolean): void {
  const body = Buffer.from(text, "utf8");
  res.setHeader("Content-Type", contentType);
  res.setHeader("Content-Length", body.length);
  res.setHeader("Cache-Control", "no-store");
  res.writeHead(status);
  if (head) res.end();
  else res.end(body);
}
