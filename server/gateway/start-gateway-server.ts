// The console in front of a real Scriptum: the console server's ports (the built app, Connect,
// gRPC-Web, native gRPC, /health /ready, security headers) with the gateway as its backend instead
// of the sandbox. `npm start -- --upstream URL [--token-file PATH] [--org-id ID] [--org-name NAME]`.
import { serveConsole, type ConsoleServer } from "../http/console-server";
import type { ServerOptions } from "../options";
import type { AccessLogSink } from "./access-log";
import { gatewayConfig, type ConsoleConfig } from "./console-config";
import { resolveGatewayCredentials } from "./credentials";
import { createGatewayBackend } from "./gateway-backend";
import type { Gateway } from "./gateway-service";

export type GatewayServerOptions = ServerOptions & {
  /** The real Scriptum's native gRPC endpoint (http:// = h2c, https:// = TLS). */
  upstream: string;
  /** Gateway-held credentials; the token from this file, else from SCRIPTUM_TOKEN. */
  tokenFile?: string | null;
  orgId?: string | null;
  orgName?: string | null;
  /** Where SCRIPTUM_TOKEN is read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Access log lines; default stdout. */
  log?: AccessLogSink;
};

export interface GatewayServer extends ConsoleServer {
  gateway: Gateway;
  /** What GET /__console/config answers (no secret in it). */
  config: ConsoleConfig;
}

/** Throws (before listening) when the credentials cannot be read or the upstream URL is invalid. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const resolved = resolveGatewayCredentials({
    tokenFile: options.tokenFile,
    orgId: options.orgId,
    orgName: options.orgName,
    env: options.env ?? process.env,
  });
  if (!resolved.ok) throw new Error(resolved.message);
  const backend = createGatewayBackend({
    upstream: options.upstream,
    credentials: resolved.credentials,
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const server = await serveConsole(options, backend);
  return { ...server, gateway: backend.gateway, config: gatewayConfig(resolved.credentials) };
}
