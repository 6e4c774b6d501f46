// Server-side cost of ListThreads pages (page_size 200) and GetThread over many seeded threads,
// calling the service in process (no HTTP; isolates the sandbox's own work):
//   npx tsx server/sandbox/bench/listThreadsInProcess.ts 100000
import type { HandlerContext } from "@connectrpc/connect";
import { createSandbox } from "../index.js";

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const sandbox = await createSandbox({ dataDir: null, speed: 1, fidelity: "today", seedThreads: count, version: "bench" });
  // "cold": the first call right after start; WARM_AFTER_MS=1500 measures after the idle warm-up.
  const waitMs = Number(process.env["WARM_AFTER_MS"] ?? 0);
  if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
  const svc = sandbox.service;
  const ctx = {} as HandlerContext;
  const pages: number[] = [];
  let token = "";
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const r = await svc.listThreads?.({ pageSize: 200, pageToken: token, statusFilter: 0, scriptNameFilter: "" } as never, ctx);
    pages.push(Math.round(performance.now() - start));
    token = r?.nextPageToken ?? "";
  }
  let start = performance.now();
  await svc.listThreads?.({ pageSize: 200, pageToken: "", statusFilter: 0, scriptNameFilter: "" } as never, ctx);
  const firstPageAgainMs = Math.round(performance.now() - start);
  const deep = await svc.listThreads?.({ pageSize: 200, pageToken: token, statusFilter: 0, scriptNameFilter: "" } as never, ctx);
  start = performance.now();
  for (const t of deep?.threads ?? []) await svc.getThread?.({ threadId: t.threadId ?? "" } as never, ctx);
  const getThread200Ms = Math.round(performance.now() - start);
  console.log(JSON.stringify({ threads: count, listPagesMs: pages, firstPageAgainMs, getThread200ColdMs: getThread200Ms }));
  await sandbox.close();
}

void main();
