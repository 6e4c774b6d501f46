// Reliability specs run against their OWN server: fault injection is global to a server, so they
// never touch the shared webServer (7399) of the other specs. One server per Playwright worker
// (the tests of a worker run one at a time), killed by pid when the worker ends; faults are reset
// after every test. QUICK counts by default, FULL counts with RELIABILITY_FULL=1.
import type { ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test as guarded } from "../support/fixtures";
import { serverSequenceRanges, threadEvents } from "../support/sandbox";
import { ROOT, startChildServer } from "../../server/testing/childServer";

export { expect };

export const FULL = process.env.RELIABILITY_FULL === "1";

/** quick or full, by RELIABILITY_FULL. */
export function count(quick: number, full: number): number {
  return FULL ? full : quick;
}

/** The build the reliability servers serve: dist/ (npm test builds it first), or another build
 *  given by RELIABILITY_STATIC_DIR (scripts/reliability.mjs builds its own). */
export const STATIC_DIR = process.env.RELIABILITY_STATIC_DIR ?? process.env.SCRIPTUM_E2E_STATIC_DIR ?? "dist";

export interface Sandbox {
  readonly url: string;
  readonly port: number;
  readonly args: readonly string[];
  readonly process: ChildProcess;
  output(): string;
  /** SIGKILL, and wait for the exit. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

export interface SandboxOptions {
  /** Default: any free port. */
  port?: number;
  /** Extra flags (the defaults: --memory --speed 20 --enable-fault-injection). */
  extra?: readonly string[];
  dataDir?: string;
  speed?: number;
}

/** Spawns `node --import tsx server/main.ts …` on 127.0.0.1 (server/testing/childServer.ts) and
 *  waits until it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const child = await startChildServer(
    {
      port: options.port ?? 0,
      staticDir: STATIC_DIR,
      speed: options.speed ?? 20,
      ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
      ...(options.extra !== undefined ? { extra: options.extra } : {}),
    },
    90_000,
  );
  return {
    url: child.url,
    port: child.port,
    args: child.args,
    process: child.process,
    output: child.output,
    kill9: child.kill9,
    stop: async () => {
      await child.stop();
    },
  };
}

interface WorkerFixtures {
  sandbox: Sandbox;
  sandboxOptions: SandboxOptions;
}

export const test = guarded.extend<{ resetFaults: void }, WorkerFixtures>({
  // They time things (a unary call within 1 s, Reconnecting within 2 s): never beside a heavy spec.
  loadClass: "timing",
  sandboxOptions: [{}, { option: true, scope: "worker" }],
  sandbox: [
    async ({ sandboxOptions }, use) => {
      const sandbox = await startSandbox(sandboxOptions);
      let stopping = false;
      sandbox.process.once("exit", (code, signal) => {
        // Scenario 4 kills it on purpose (SIGKILL); anything else is worth seeing.
        if (!stopping && signal !== "SIGKILL") console.log(`the sandbox exited (${code ?? signal}):\n${sandbox.output().slice(-4_000)}`);
      });
      try {
        await use(sandbox);
      } finally {
        stopping = true;
        await sandbox.stop();
      }
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ sandbox }, use) => {
    await use(sandbox.url);
  },
  resetFaults: [
    async ({ sandbox }, use) => {
      await use();
      if (sandbox.process.exitCode === null && sandbox.process.signalCode === null) {
        await fetch(`${sandbox.url}/__sandbox/faults`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ reset: true }),
        }).catch(() => undefined);
      }
    },
    { auto: true },
  ],
});

// ---- the sandbox API -----------------------------------------------------------------------------

// rpc, createThread, resumeThread, threadStatus, setFaults: e2e/support/sandbox.ts (shared with the
// other specs), against the baseURL of the test (the reliability sandbox).
export { createThread, resumeThread, rpc, setFaults, threadStatus } from "../support/sandbox";

export async function openStreams(request: APIRequestContext): Promise<number> {
  const response = await request.get("/__sandbox/faults");
  if (!response.ok()) throw new Error(`reading faults failed: ${response.status()}`);
  const body = (await response.json()) as { openStreams?: unknown };
  if (typeof body.openStreams !== "number") throw new Error(`GET /__sandbox/faults has no openStreams: ${JSON.stringify(body)}`);
  return body.openStreams;
}

interface LoggedEvent {
  sequence?: string | number;
}

export async function serverEvents(request: APIRequestContext, threadId: string): Promise<LoggedEvent[]> {
  return (await threadEvents(request, threadId)) as LoggedEvent[];
}

/** The server's log of a thread as "1-12,14" sequence ranges (the timeline's data-sequence-ranges). */
export const serverRanges = serverSequenceRanges;

// ---- the page ------------------------------------------------------------------------------------

export const timeline = (page: Page) => page.getByTestId("event-timeline");
export const connection = (page: Page) => page.getByTestId("connection-state");
export const threadStatusBadge = (page: Page) => page.getByTestId("thread-status");

function installRecorder(): void {
  const w = window as unknown as { __conn?: { t: number; text: string }[]; __connObserver?: MutationObserver };
  w.__conn = [];
  const read = () => {
    const text = document.querySelector('[data-testid="connection-state"]')?.textContent ?? "";
    const log = w.__conn ?? [];
    if (log[log.length - 1]?.text !== text) log.push({ t: performance.timeOrigin + performance.now(), text });
  };
  const start = () => {
    read();
    w.__connObserver?.disconnect();
    w.__connObserver = new MutationObserver(read);
    w.__connObserver.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  };
  if (document.body === null) document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
}

/** Records (from now on) every text the connection indicator shows, with an epoch-ms timestamp. */
export async function recordConnection(page: Page): Promise<void> {
  await page.evaluate(installRecorder);
}

/** The same, from the first moment of every document this page loads. */
export async function recordConnectionFromStart(page: Page): Promise<void> {
  await page.addInitScript(installRecorder);
}

export async function connectionLog(page: Page): Promise<{ t: number; text: string }[]> {
  return page.evaluate(() => (window as unknown as { __conn: { t: number; text: string }[] }).__conn);
}

// ---- reporting -----------------------------------------------------------------------------------

export interface ScenarioResult {
  scenario: string;
  trials: number;
  failures: number;
  notes?: string;
}

/** Prints "scenario: N trials, M failures" and appends the row to $RELIABILITY_REPORT (JSON lines). */
export function report(result: ScenarioResult): void {
  console.log(`${result.scenario}: ${result.trials} trials, ${result.failures} failures${result.notes ? ` (${result.notes})` : ""}`);
  const file = process.env.RELIABILITY_REPORT;
  if (file !== undefined && file !== "") {
    mkdirSync(dirname(file), { recursive: true });
    if (!existsSync(file)) writeFileSync(file, "");
    appendFileSync(file, `${JSON.stringify({ ...result, full: FULL })}\n`);
  }
}

export const reliabilityDir = join(ROOT, "e2e/reliability");
