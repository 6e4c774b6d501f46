// The real entry point (server/main.ts) in a child process, for tests that kill it (kill -9),
// restart it on the same --data-dir, or need a server of their own: the node crash loop
// (server/reliability), the process-level integration test (server/integration) and the
// Playwright reliability specs (e2e/reliability/support.ts).
// Every child started here is tracked until it exits; killChildServers() ends them all (by pid).
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root: the children run `node --import tsx server/main.ts` from there. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface ChildServerOptions {
  /** The console's directory of static files (--static-dir). */
  staticDir: string;
  /** The SQLite store (--data-dir); without it, --memory. */
  dataDir?: string;
  /** --port; 0 (the default) = any free port, read back from the listening line. */
  port?: number;
  /** --host (default 127.0.0.1). */
  host?: string;
  /** --speed (default: the server's). */
  speed?: number;
  fidelity?: "today" | "complete";
  /** --seed-threads (default: the server's). */
  seedThreads?: number;
  /** --enable-fault-injection (default true). */
  faultInjection?: boolean;
  /** More flags, after the others. */
  extra?: readonly string[];
}

export interface ChildServer {
  readonly process: ChildProcess;
  /** http://host:port of the console (Connect, gRPC-Web, /__sandbox). */
  readonly url: string;
  readonly port: number;
  /** http://host:port of native gRPC. */
  readonly grpcUrl: string;
  /** The node arguments it was started with. */
  readonly args: readonly string[];
  /** Everything it wrote on stdout and stderr so far. */
  output(): string;
  /** SIGKILL, and wait for the exit. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s; resolves with the exit code (null when killed). */
  stop(): Promise<number | null>;
}

/** The node arguments of `server/main.ts` for these options. */
export function childServerArgs(options: ChildServerOptions): string[] {
  return [
    "--import",
    "tsx",
    "server/main.ts",
    "--host",
    options.host ?? "127.0.0.1",
    "--port",
    String(options.port ?? 0),
    "--grpc-port",
    "0",
    ...(options.dataDir !== undefined ? ["--data-dir", options.dataDir] : ["--memory"]),
    "--static-dir",
    options.staticDir,
    ...(options.speed !== undefined ? ["--speed", String(options.speed)] : []),
    ...(options.fidelity !== undefined ? ["--fidelity", options.fidelity] : []),
    ...(options.seedThreads !== undefined ? ["--seed-threads", String(options.seedThreads)] : []),
    ...(options.faultInjection === false ? [] : ["--enable-fault-injection"]),
    ...(options.extra ?? []),
  ];
}

const running = new Set<ChildProcess>();

const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/** Starts the server and resolves once it prints where it listens (console URL and gRPC). */
export function startChildServer(options: ChildServerOptions, startTimeoutMs = 60_000): Promise<ChildServer> {
  const args = childServerArgs(options);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const exited = new Promise<number | null>((done) =>
    child.once("exit", (code) => {
      running.delete(child);
      done(code);
    }),
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const kill9 = async (): Promise<void> => {
    if (!hasExited(child)) child.kill("SIGKILL");
    await exited;
  };
  const stop = async (): Promise<number | null> => {
    if (hasExited(child)) return child.exitCode;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      finish();
      void kill9();
      reject(new Error(`the server did not start within ${startTimeoutMs / 1000} s:\n${output}`));
    }, startTimeoutMs);
    const onData = (): void => {
      const url = /Scriptum Console on (http:\/\/\S+)/.exec(output)?.[1];
      const grpc = /gRPC on (\S+?)[;)]/.exec(output)?.[1];
      if (url === undefined || grpc === undefined) return;
      finish();
      resolvePromise({
        process: child,
        url,
        port: Number(new URL(url).port),
        grpcUrl: `http://${grpc}`,
        args,
        output: () => output,
        kill9,
        stop,
      });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      finish();
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${output}`));
    };
    function finish(): void {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
    }
    // After the collecting listener above, so `output` already holds the chunk.
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
  });
}

/** Kills (SIGKILL) every child server started here that is still running, and waits for them. */
export async function killChildServers(timeoutMs = 10_000): Promise<void> {
  for (const child of running) child.kill("SIGKILL");
  const deadline = Date.now() + timeoutMs;
  while (running.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** How many child servers started here are still running. */
export function runningChildServers(): number {
  return running.size;
}
