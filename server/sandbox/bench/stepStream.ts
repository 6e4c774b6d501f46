// Measures StreamStepResult of `fanout` threads over a real HTTP/1.1 Connect client (binary, as
// the console asks), the server in a child process (as in real life):
//   npx tsx server/sandbox/bench/stepStream.ts 100000 1000000
// Prints, per size and run: time to the first message (the meta with every summary, decoded),
// total time, the CPU time the server and the client spent (wall times on a loaded 2-core
// machine mislead; CPU times do less), messages, summaries and details received.
// RUNS=n sets the runs per size (default 3).
import { createClient } from "@connectrpc/connect";
import { connectNodeAdapter, createConnectTransport } from "@connectrpc/connect-node";
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { ScriptumService, ThreadStatus } from "../../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { createSandbox } from "../index.js";

type Client = ReturnType<typeof createClient<typeof ScriptumService>>;

function clientOf(port: number): Client {
  return createClient(ScriptumService, createConnectTransport({ baseUrl: `http://127.0.0.1:${port}`, httpVersion: "1.1", readMaxBytes: 1 << 30 }));
}

/** Child: the sandbox behind connectNodeAdapter; prints {"port", "threads"} once the fanouts completed. */
async function serve(sizes: number[]): Promise<void> {
  const sandbox = await createSandbox({ dataDir: null, speed: 1000, fidelity: "today", seedThreads: 0, version: "bench" });
  const server = http.createServer(connectNodeAdapter({ routes: (r) => r.service(ScriptumService, sandbox.service) }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const client = clientOf(port);
  const threads: string[] = [];
  for (const steps of sizes) {
    const t = await client.createThread({ scriptName: "fanout", inputJson: JSON.stringify({ steps }) });
    for (;;) {
      const g = await client.getThread({ threadId: t.threadId });
      if (g.status === ThreadStatus.COMPLETED) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    threads.push(t.threadId);
  }
  console.log(JSON.stringify({ port, threads }));
  // "cpu" on stdin: prints the CPU time this process used so far (ms), to separate the server's
  // cost from the client's on a loaded machine.
  const commands = readline.createInterface({ input: process.stdin });
  commands.on("line", () => {
    const u = process.cpuUsage();
    console.log(JSON.stringify({ cpuMs: Math.round((u.user + u.system) / 1000) }));
  });
  // The parent went away (or is done): stop.
  commands.on("close", () => process.exit(0));
}

async function main(): Promise<void> {
  if (process.argv[2] === "serve") return serve(process.argv.slice(3).map(Number));
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  if (sizes.length === 0) sizes.push(100_000);
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "serve", ...sizes.map(String)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout });
  const nextLine = () => new Promise<string>((resolve) => lines.once("line", resolve));
  const { port, threads } = JSON.parse(await nextLine()) as { port: number; threads: string[] };
  const serverCpuMs = async () => {
    const reply = nextLine();
    child.stdin.write("cpu\n");
    return (JSON.parse(await reply) as { cpuMs: number }).cpuMs;
  };
  const client = clientOf(port);
  for (const [k, steps] of sizes.entries()) {
    for (let run = 0; run < Number(process.env["RUNS"] ?? 3); run++) {
      const serverBefore = await serverCpuMs();
      const clientBefore = process.cpuUsage();
      const start = performance.now();
      let first = 0;
      let messages = 0;
      let details = 0;
      let summaries = 0;
      for await (const m of client.streamStepResult({ threadId: threads[k] ?? "" })) {
        if (messages === 0) first = performance.now() - start;
        messages++;
        if (m.record.case === "meta") summaries = m.record.value.steps.length;
        if (m.record.case === "step") details++;
      }
      const total = performance.now() - start;
      const clientCpu = process.cpuUsage(clientBefore);
      const serverCpu = (await serverCpuMs()) - serverBefore;
      console.log(
        JSON.stringify({
          steps,
          run,
          firstMessageMs: Math.round(first),
          totalMs: Math.round(total),
          serverCpuMs: serverCpu,
          clientCpuMs: Math.round((clientCpu.user + clientCpu.system) / 1000),
          messages,
          summaries,
          details,
        }),
      );
    }
  }
  child.kill();
}

void main();
