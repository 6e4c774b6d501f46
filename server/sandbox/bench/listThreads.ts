// Measures the cold cost of the history's first pages with many seeded threads:
//   npx tsx server/sandbox/bench/listThreads.ts 100000
// Prints the seeding time, then ListThreads (page_size 200) first and following pages, and
// GetThread of rows never presented before, over a real HTTP/1.1 Connect client.
import { createClient } from "@connectrpc/connect";
import { connectNodeAdapter, createConnectTransport } from "@connectrpc/connect-node";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ScriptumService } from "../../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { createSandbox } from "../index.js";

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const seedStart = performance.now();
  const sandbox = await createSandbox({ dataDir: null, speed: 1, fidelity: "today", seedThreads: count, version: "bench" });
  const seedMs = performance.now() - seedStart;
  const server = http.createServer(connectNodeAdapter({ routes: (r) => r.service(ScriptumService, sandbox.service) }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const client = createClient(ScriptumService, createConnectTransport({ baseUrl: `http://127.0.0.1:${port}`, httpVersion: "1.1" }));
  await client.healthCheck({});
  const pages: number[] = [];
  let token = "";
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const r = await client.listThreads({ pageSize: 200, pageToken: token });
    pages.push(Math.round(performance.now() - start));
    for (const t of r.threads) ids.push(t.threadId);
    token = r.nextPageToken;
  }
  // A filtered first page (failed threads) and GetThread of 200 rows not presented yet.
  let start = performance.now();
  await client.listThreads({ pageSize: 200, statusFilter: 5 });
  const failedPageMs = Math.round(performance.now() - start);
  const deep = await client.listThreads({ pageSize: 200, pageToken: token });
  start = performance.now();
  for (const t of deep.threads) await client.getThread({ threadId: t.threadId });
  const getThread200Ms = Math.round(performance.now() - start);
  console.log(JSON.stringify({ threads: count, seedMs: Math.round(seedMs), listPagesMs: pages, failedFirstPageMs: failedPageMs, getThread200Ms }));
  server.close();
  await sandbox.close();
}

void main();
