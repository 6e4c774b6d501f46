// Starts the console server in-process for a test: ephemeral ports on 127.0.0.1, the sandbox in
// memory, fast steps, and a throwaway static directory unless the test gives one.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer, type StartServerOptions } from "../app";
import { DEFAULT_OPTIONS } from "../options";

export const TEST_VERSION = "sandbox-test-1.2.3";

export interface TestServer extends RunningServer {
  staticDir: string;
}

export async function startTestServer(overrides: Partial<StartServerOptions> = {}): Promise<TestServer> {
  let ownStaticDir: string | null = null;
  let staticDir = overrides.staticDir;
  if (staticDir === undefined) {
    ownStaticDir = mkdtempSync(join(tmpdir(), "console-static-"));
    writeFileSync(join(ownStaticDir, "index.html"), "<!doctype html><title>Scriptum Console</title>");
    staticDir = ownStaticDir;
  }
  const server = await startServer({
    ...DEFAULT_OPTIONS,
    host: "127.0.0.1",
    port: 0,
    grpcPort: 0,
    dataDir: null,
    speed: 100,
    version: TEST_VERSION,
    ...overrides,
    staticDir,
  });
  return {
    ...server,
    staticDir,
    close: async () => {
      await server.close();
      if (ownStaticDir !== null) rmSync(ownStaticDir, { recursive: true, force: true });
    },
  };
}
