import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Two projects: the browser code in jsdom, the server (sandbox, gateway) in node.
// Integration tests (server/**/*.integration.test.ts) start real servers on 127.0.0.1.
export default defineConfig({
  test: {
    // Both cores (Vitest's default is cores − 1: one worker on a 2-core machine, so every file ran
    // one after the other). The web project also needs ≥ 2 to give each file its own window
    // (src/test/vmContext.ts).
    maxWorkers: 2,
    projects: [
      {
        plugins: [react()],
        // No dependency pre-bundling in the vmThreads environment. On a fresh clone (a cold cache,
        // as in CI) a test imported recharts while the optimizer was (re)bundling; the fallback
        // loaded recharts' CommonJS build with vmThreads' own require(), which matches the
        // "module-sync" condition of @reduxjs/toolkit and then compiles the .mjs it found as
        // CommonJS: "Cannot use import statement outside a module" (CI run of 2026-12-03;
        // vitest-dev/vitest#9650, fixed only on Node 22.12+). Without the optimizer every import is
        // resolved by Vite (recharts' ES build) the same way on every run; the web project takes
        // the same time (40 s either way, `time npx vitest run --project web`, cold cache).
        environments: { __vitest_vm__: { optimizeDeps: { noDiscovery: true, include: [] } } },
        test: {
          name: "web",
          environment: "jsdom",
          // A fresh jsdom window and module graph per file, in a worker thread that loads jsdom
          // itself once: in the forks pool every file paid ~1.3 s of CPU to load jsdom again
          // (152 s of the web project's 291 s). src/test/vmContext.ts keeps the environment equal.
          pool: "vmThreads",
          include: ["src/**/*.test.{ts,tsx}"],
          setupFiles: ["src/test/vmContext.ts", "src/test/setup.ts"],
          // Generous: these machines have 2 cores, often shared with a browser and a server.
          testTimeout: 20_000,
          env: { TZ: "UTC" },
        },
      },
      {
        test: {
          name: "server",
          environment: "node",
          include: ["server/**/*.test.ts", "scripts/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          env: { TZ: "UTC" },
        },
      },
    ],
  },
});
