// Test helpers: a sandbox behind a real Connect router (in-process transport, real handlers).
import { createClient, createRouterTransport, type Client } from "@connectrpc/connect";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ScriptumService, ThreadStatus, type WatchThreadResponse } from "../../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { createSandbox, type Sandbox, type SandboxOptions } from "../index.js";

export interface Harness {
  sandbox: Sandbox;
  client: Client<typeof ScriptumService>;
}

export async function startHarness(options: Partial<SandboxOptions> = {}): Promise<Harness> {
  const sandbox = await createSandbox({ dataDir: null, speed: 50, fidelity: "today", seedThreads: 0, version: "sandbox-test", ...options });
  const transport = createRouterTransport((router) => router.service(ScriptumService, sandbox.service));
  return { sandbox, client: createClient(ScriptumService, transport) };
}

const tempDirs: string[] = [];
process.once("exit", () => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh data directory, removed when the test process exits. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scriptum-sandbox-"));
  tempDirs.push(dir);
  return dir;
}

/** Polls GetThread until the predicate holds (or fails after `timeoutMs`). */
export async function waitForThread(
  client: Client<typeof ScriptumService>,
  threadId: string,
  predicate: (status: ThreadStatus, t: Awaited<ReturnType<Client<typeof ScriptumService>["getThread"]>>) => boolean,
  timeoutMs = 20_000,
) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const t = await client.getThread({ threadId });
    if (predicate(t.status, t)) return t;
    if (Date.now() > until) throw new Error(`thread ${threadId} still ${ThreadStatus[t.status]} (step ${t.currentStepPath})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every message of a WatchThread stream until it closes or `timeoutMs` passes (then aborts). */
export async function collectWatch(client: Client<typeof ScriptumService>, threadId: string, timeoutMs = 20_000): Promise<{ messages: WatchThreadResponse[]; closed: boolean }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const messages: WatchThreadResponse[] = [];
  try {
    for await (const m of client.watchThread({ threadId }, { signal: controller.signal })) messages.push(m);
    return { messages, closed: true };
  } catch (e) {
    if (controller.signal.aborted) return { messages, closed: false };
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

export function sequences(messages: readonly { sequence: bigint }[]): number[] {
  return messages.map((m) => Number(m.sequence));
}
