/// <reference types="node" />
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Browser tests run against the real server (sandbox Scriptum + the built console from dist/;
// run `npx vite build` first). Playwright cannot download browsers here: Debian's Chromium is
// used when present.
// SCRIPTUM_E2E_PORT, SCRIPTUM_E2E_STATIC_DIR and SCRIPTUM_E2E_OUTPUT_DIR let runs happen side by
// side (another port, another build, another folder for traces, which Playwright empties when a
// run starts) without touching each other; the defaults are what `npm test` uses.
const PORT = Number(process.env.SCRIPTUM_E2E_PORT ?? 7399);
const STATIC_DIR = process.env.SCRIPTUM_E2E_STATIC_DIR ?? "dist";
const BASE_URL = `http://127.0.0.1:${PORT}`;
process.env.SCRIPTUM_E2E_BASE_URL = BASE_URL;
// Faults are global to a server: specs that inject them use a second server of their own
// (FAULTS_URL), so a dropped stream never disturbs a spec running in the other worker.
const FAULTS_PORT = PORT + 1;
const FAULTS_URL = `http://127.0.0.1:${FAULTS_PORT}`;
process.env.SCRIPTUM_E2E_FAULTS_URL = FAULTS_URL;
const serverCommand = (port: number) =>
  `node --import tsx server/main.ts --port ${port} --grpc-port 0 --memory --speed 20 --enable-fault-injection --static-dir ${STATIC_DIR}`;
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: process.env.SCRIPTUM_E2E_OUTPUT_DIR ?? "test-results",
  workers: 2,
  retries: 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    headless: true,
    timezoneId: "UTC",
    locale: "en-GB",
    // A failed test keeps its trace (actions, DOM snapshots, network, console) but not the
    // screencast: recording it (a JPEG per frame through the browser and GPU processes) doubled the
    // CPU time of every test (churn alone: 57 → 31 CPU-seconds, 34 → 23 s) on these 2-core
    // machines. The failure's own screenshot is still taken.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
          args: [
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: serverCommand(PORT),
      url: `${BASE_URL}/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: serverCommand(FAULTS_PORT),
      url: `${FAULTS_URL}/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
