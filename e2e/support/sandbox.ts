// The sandbox's test-only endpoints (served with --enable-fault-injection) and a Node client for
// the ScriptumService, so specs can arrange and check state through the API, like a second user.
import type { APIRequestContext } from "@playwright/test";
import { createClient, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { ScriptumService } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";

/** The server under test (playwright.config.ts sets it; the baseURL of every page). */
export const SANDBOX_URL = process.env.SCRIPTUM_E2E_BASE_URL ?? "http://127.0.0.1:7399";

/** A second server for specs that inject faults (faults are global to a server). */
export const FAULTS_URL = process.env.SCRIPTUM_E2E_FAULTS_URL ?? "http://127.0.0.1:7400";

export type Faults = Record<string, unknown>;

/** POST /__sandbox/faults, e.g. { watch: "unimplemented" } or { dropStreams: true }. */
export async function setFaults(request: APIRequestContext, faults: Faults): Promise<void> {
  const response = await request.post("/__sandbox/faults", { data: faults });
  if (!response.ok()) throw new Error(`setting faults failed: ${response.status()} ${await response.text()}`);
}

export async function getFaults(request: APIRequestContext): Promise<Faults> {
  const response = await request.get("/__sandbox/faults");
  if (!response.ok()) throw new Error(`reading faults failed: ${response.status()}`);
  return (await response.json()) as Faults;
}

/** The server's event log of a thread: the truth the browser's timeline is compared with. */
export async function threadEvents(request: APIRequestContext, threadId: string): Promise<unknown[]> {
  const response = await request.get(`/__sandbox/threads/${encodeURIComponent(threadId)}/events`);
  if (!response.ok()) throw new Error(`reading events failed: ${response.status()}`);
  // The endpoint answers {threadId, events: [...]}.
  const body = (await response.json()) as { events?: unknown[] };
  return body.events ?? [];
}

export type ScriptumNodeClient = Client<typeof ScriptumService>;

/** A Connect client over HTTP/1.1 to the server under test. */
export function scriptumClient(baseUrl: string = SANDBOX_URL): ScriptumNodeClient {
  return createClient(ScriptumService, createConnectTransport({ baseUrl, httpVersion: "1.1" }));
}
