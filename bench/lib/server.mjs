// Starts the console + sandbox as a child process on 127.0.0.1 and stops it by process id.
// The built console comes from dist/ unless BENCH_STATIC_DIR (or the staticDir option) says
// otherwise, so a benchmark can run against a private build while others rebuild dist/.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function defaultStaticDir() {
  return process.env.BENCH_STATIC_DIR || "dist";
}

/** The sandbox every scenario runs against: in memory, `seed` threads, fanout and big-export fast. */
export function benchSandboxArgs(seed = 100_000) {
  return ["--memory", "--seed-threads", String(seed), "--speed", "20", "--fidelity", "complete"];
}

export async function startSandbox({ port, args = [], staticDir = defaultStaticDir() }) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "server/main.ts", "--port", String(port), "--grpc-port", "0", "--static-dir", staticDir, ...args],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sandbox exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`sandbox did not become healthy in 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
