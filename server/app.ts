// The console server with the embedded sandbox Scriptum: creates the sandbox and serves it on the
// console's ports (see http/console-server.ts).
import { readFileSync } from "node:fs";
import { toJson } from "@bufbuild/protobuf";
import { createClient, createRouterTransport, type ServiceImpl } from "@connectrpc/connect";
import { ScriptumService, WatchThreadResponseSchema } from "../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { handleConsoleConfig, SANDBOX_CONFIG } from "./gateway/console-config";
import { serveConsole, type ConsoleBackend, type ConsoleServer } from "./http/console-server";
import type { ServerOptions } from "./options";
import { createSandbox, type Sandbox } from "./sandbox/index";

export interface StartServerOptions extends ServerOptions {
  /** The version HealthCheck reports; default "sandbox-<package.json version>". */
  version?: string;
}

export interface RunningServer extends ConsoleServer {
  sandbox: Sandbox;
}

/** Creates the sandbox and serves it with the console. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const version = options.version ?? `sandbox-${packageVersion()}`;
  const sandbox = await createSandbox({
    dataDir: options.dataDir,
    speed: options.speed,
    fidelity: options.fidelity,
    version,
    ...(options.seedThreads === undefined ? {} : { seedThreads: options.seedThreads }),
  });
  const backend: ConsoleBackend = {
    service: sandbox.service,
    ready: () => answersHealthCheck(sandbox.service),
    eventLog: (threadId) => sandbox.eventLog(threadId)?.map((event) => toJson(WatchThreadResponseSchema, event)),
    readArtifact: (threadId, name) => sandbox.readArtifact(threadId, name),
    handleHttp: (req, res) => handleConsoleConfig(req, res, SANDBOX_CONFIG),
    close: () => sandbox.close(),
  };
  const server = await serveConsole(options, backend);
  return { ...server, sandbox };
}

async function answersHealthCheck(service: ServiceImpl<typeof ScriptumService>): Promise<boolean> {
  const client = createClient(
    ScriptumService,
    createRouterTransport(({ service: register }) => {
      register(ScriptumService, { healthCheck: service.healthCheck });
    }),
  );
  const response = await client.healthCheck({}, { timeoutMs: 2_000 });
  return response.status === "" || response.status === "ok";
}

function packageVersion(): string {
  try {
    const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === "string" ? version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}
