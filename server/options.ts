// Command-line options of the console server. parseServerArgs is pure: it never prints and never
// exits; main.ts prints its error and exits with code 2.

import { parseUpstreamUrl } from "./gateway/upstream-url";

export type Fidelity = "today" | "complete";

export interface ServerOptions {
  host: string;
  /** HTTP/1.1 port for the console, Connect and gRPC-Web; 0 = ephemeral. */
  port: number;
  /** Cleartext HTTP/2 port for native gRPC clients; 0 = ephemeral. */
  grpcPort: number;
  /** SQLite data directory of the sandbox; null with --memory (nothing persisted). */
  dataDir: string | null;
  /** Step durations run this many times faster. */
  speed: number;
  fidelity: Fidelity;
  /** Threads seeded into an empty store; undefined = the sandbox's default (at least 300). */
  seedThreads: number | undefined;
  enableFaultInjection: boolean;
  /** When set, every RPC but HealthCheck needs `authorization: Bearer <token>`. */
  requireToken: string | null;
  /** When set, every RPC but HealthCheck needs this `x-organization-id`. */
  requireOrg: string | null;
  /** The built console (index.html and assets/). */
  staticDir: string;
  /** Gateway mode: the real Scriptum's native gRPC endpoint (http:// h2c, https:// TLS); null = sandbox. */
  upstream: string | null;
  /** Gateway-held token, read from this file (else from SCRIPTUM_TOKEN). */
  tokenFile: string | null;
  /** Gateway-held organization headers. */
  orgId: string | null;
  orgName: string | null;
  /** Origins browsers may call directly (a Connect endpoint, Envoy's gRPC-Web): added to CSP connect-src. */
  directEndpoints: readonly string[];
}

export const DEFAULT_OPTIONS: Readonly<ServerOptions> = Object.freeze({
  host: "127.0.0.1",
  port: 7330,
  grpcPort: 7331,
  dataDir: ".scriptum-sandbox",
  speed: 1,
  fidelity: "today",
  seedThreads: undefined,
  enableFaultInjection: false,
  requireToken: null,
  requireOrg: null,
  staticDir: "dist",
  upstream: null,
  tokenFile: null,
  orgId: null,
  orgName: null,
  directEndpoints: [],
});

export type ParsedArgs =
  | { kind: "options"; options: ServerOptions }
  | { kind: "help" }
  | { kind: "error"; message: string };

export const MAX_SEED_THREADS = 1_000_000;

export const USAGE = `Usage: scriptum-console [options]

  --port N                   console HTTP port (Connect, gRPC-Web, the SPA); default 7330, 0 = any
  --host HOST                address to listen on; default 127.0.0.1
  --grpc-port N              native gRPC (cleartext HTTP/2) port; default 7331, 0 = any
  --data-dir DIR             sandbox store; default .scriptum-sandbox
  --memory                   keep the sandbox store in memory only
  --speed X                  run steps X times faster; default 1
  --fidelity today|complete  behave like the service today, or as it will be; default today
  --seed-threads N           threads seeded into an empty store (0..${MAX_SEED_THREADS})
  --enable-fault-injection   serve /__sandbox/faults and /__sandbox/threads/:id/events
  --require-token TOKEN      answer UNAUTHENTICATED without "authorization: Bearer TOKEN"
  --require-org ID           answer PERMISSION_DENIED for another x-organization-id
  --static-dir DIR           the built console; default dist
  --upstream URL             gateway mode: forward every call to this Scriptum over native gRPC
                             (https://host:443 = TLS, http://host:port = cleartext HTTP/2)
  --token-file PATH          gateway mode: the gateway sends this token (else $SCRIPTUM_TOKEN);
                             browsers then hold none
  --org-id ID                gateway mode: the gateway sends this x-organization-id
  --org-name NAME            gateway mode: the gateway sends this x-organization-name
  --direct-endpoint URL      an endpoint browsers call directly (Connect, Envoy gRPC-Web): allowed
                             in the CSP connect-src; repeatable
  --help                     this text
`;

type Setter = (options: ServerOptions, value: string) => string | null;

interface FlagSpec {
  /** true: the flag takes a value (`--flag V` or `--flag=V`). */
  takesValue: boolean;
  apply: Setter;
}

function portSetter(key: "port" | "grpcPort", flag: string): Setter {
  return (options, value) => {
    const port = parseInteger(value);
    if (port === null || port < 0 || port > 65535) {
      return `${flag} must be a port number from 0 to 65535, got "${value}"`;
    }
    options[key] = port;
    return null;
  };
}

function nonEmptySetter(
  key: "host" | "dataDir" | "requireToken" | "requireOrg" | "staticDir" | "tokenFile" | "orgId" | "orgName",
  flag: string,
): Setter {
  return (options, value) => {
    if (value.trim() === "") return `${flag} needs a non-empty value`;
    options[key] = value;
    return null;
  };
}

const FLAGS: Record<string, FlagSpec> = {
  "--port": { takesValue: true, apply: portSetter("port", "--port") },
  "--grpc-port": { takesValue: true, apply: portSetter("grpcPort", "--grpc-port") },
  "--host": { takesValue: true, apply: nonEmptySetter("host", "--host") },
  "--data-dir": { takesValue: true, apply: nonEmptySetter("dataDir", "--data-dir") },
  "--memory": {
    takesValue: false,
    apply: (options) => {
      options.dataDir = null;
      return null;
    },
  },
  "--speed": {
    takesValue: true,
    apply: (options, value) => {
      const speed = Number(value);
      if (value.trim() === "" || !Number.isFinite(speed) || speed <= 0) {
        return `--speed must be a positive number, got "${value}"`;
      }
      options.speed = speed;
      return null;
    },
  },
  "--fidelity": {
    takesValue: true,
    apply: (options, value) => {
      if (value !== "today" && value !== "complete") {
        return `--fidelity must be "today" or "complete", got "${value}"`;
      }
      options.fidelity = value;
      return null;
    },
  },
  "--seed-threads": {
    takesValue: true,
    apply: (options, value) => {
      const n = parseInteger(value);
      if (n === null || n < 0 || n > MAX_SEED_THREADS) {
        return `--seed-threads must be an integer from 0 to ${MAX_SEED_THREADS}, got "${value}"`;
      }
      options.seedThreads = n;
      return null;
    },
  },
  "--enable-fault-injection": {
    takesValue: false,
    apply: (options) => {
      options.enableFaultInjection = true;
      return null;
    },
  },
  "--require-token": { takesValue: true, apply: nonEmptySetter("requireToken", "--require-token") },
  "--require-org": { takesValue: true, apply: nonEmptySetter("requireOrg", "--require-org") },
  "--static-dir": { takesValue: true, apply: nonEmptySetter("staticDir", "--static-dir") },
  "--upstream": {
    takesValue: true,
    apply: (options, value) => {
      const parsed = parseUpstreamUrl(value);
      if (!parsed.ok) return parsed.message;
      options.upstream = parsed.url;
      return null;
    },
  },
  "--token-file": { takesValue: true, apply: nonEmptySetter("tokenFile", "--token-file") },
  "--org-id": { takesValue: true, apply: nonEmptySetter("orgId", "--org-id") },
  "--org-name": { takesValue: true, apply: nonEmptySetter("orgName", "--org-name") },
  "--direct-endpoint": {
    takesValue: true,
    apply: (options, value) => {
      const origin = directEndpointOrigin(value);
      if (origin === null) return `--direct-endpoint must be an http:// or https:// URL, got "${value}"`;
      options.directEndpoints = [...options.directEndpoints, origin];
      return null;
    },
  },
};

/** Parses the arguments after the script name (process.argv.slice(2)). */
export function parseServerArgs(argv: readonly string[]): ParsedArgs {
  const options: ServerOptions = { ...DEFAULT_OPTIONS };
  let memory = false;
  let explicitDataDir = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") return { kind: "help" };
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const inlineValue = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
    const spec = FLAGS[name];
    if (spec === undefined) {
      return { kind: "error", message: `unknown option "${arg}" (see --help)` };
    }
    let value = "";
    if (spec.takesValue) {
      if (inlineValue !== undefined) {
        value = inlineValue;
      } else {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith("--") && next.length > 2)) {
          return { kind: "error", message: `${name} needs a value` };
        }
        value = next;
        i++;
      }
    } else if (inlineValue !== undefined) {
      return { kind: "error", message: `${name} takes no value` };
    }
    const error = spec.apply(options, value);
    if (error !== null) return { kind: "error", message: error };
    if (name === "--memory") memory = true;
    if (name === "--data-dir") explicitDataDir = true;
  }
  if (memory && explicitDataDir) {
    return { kind: "error", message: "--memory and --data-dir exclude each other" };
  }
  if (memory) options.dataDir = null;
  if (options.upstream === null) {
    const held = [
      options.tokenFile !== null ? "--token-file" : null,
      options.orgId !== null ? "--org-id" : null,
      options.orgName !== null ? "--org-name" : null,
    ].find((flag) => flag !== null);
    if (held !== undefined) return { kind: "error", message: `${held} needs --upstream (gateway mode)` };
  }
  if (options.port !== 0 && options.port === options.grpcPort) {
    return { kind: "error", message: `--port and --grpc-port must differ (both ${options.port})` };
  }
  return { kind: "options", options };
}

/** The origin of an http(s) URL, as CSP wants it; null when it is not one. */
function directEndpointOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

function parseInteger(value: string): number | null {
  if (!/^\d+$/.test(value.trim())) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}
