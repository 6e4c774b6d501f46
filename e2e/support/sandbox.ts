// The sandbox's test-only endpoints (served with --enable-fault-injection) and a Node client for
// the ScriptumService, so specs can arrange and check state through the API, like a second user.
import { expect, type APIRequestContext, type Page, type Request } from "@playwright/test";
import { createClient, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { ScriptumService } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { sequenceRanges } from "../../src/components/threads/sequenceRanges";

/** The server under test (playwright.config.ts sets it; the baseURL of every page). */
export const SANDBOX_URL = process.env.SCRIPTUM_E2E_BASE_URL ?? "http://127.0.0.1:7399";

/** A second server for specs that inject faults (faults are global to a server). */
export const FAULTS_URL = process.env.SCRIPTUM_E2E_FAULTS_URL ?? "http://127.0.0.1:7400";

export type Faults = Record<string, unknown>;

// ---- the ScriptumService over Connect JSON (like a second client would call it) ----------------

/** Where the ScriptumService is served: `${SERVICE_PATH}/${method}`. */
export const SERVICE_PATH = "/dodil.scriptum.v1.ScriptumService";

/** The path of one method, e.g. rpcPath("CreateThread"). */
export const rpcPath = (method: string): string => `${SERVICE_PATH}/${method}`;

/** A page.route() pattern matching one method on any origin. */
export const rpcRoute = (method: string): string => `**${rpcPath(method)}`;

/** A unary call in the Connect JSON protocol; throws with the status and body when it fails. */
export async function rpc<T>(request: APIRequestContext, method: string, body: unknown): Promise<T> {
  const response = await request.post(rpcPath(method), {
    data: body,
    headers: { "content-type": "application/json" },
  });
  if (!response.ok()) throw new Error(`${method} failed: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A thread as GetThread answers it in JSON (enums by name, e.g. "THREAD_STATUS_PAUSED"). */
export interface ThreadJson {
  threadId: string;
  status?: string;
  currentStepPath?: string;
  error?: string;
}

/** CreateThread; the input is JSON-encoded unless it already is a string. */
export async function createThread(
  request: APIRequestContext,
  scriptName: string,
  input: unknown,
  metadata?: Record<string, string>,
): Promise<string> {
  const thread = await rpc<ThreadJson>(request, "CreateThread", {
    scriptName,
    inputJson: typeof input === "string" ? input : JSON.stringify(input),
    ...(metadata === undefined ? {} : { metadata }),
  });
  return thread.threadId;
}

/** ResumeThread with this answer (the step input override of the ask). */
export async function resumeThread(request: APIRequestContext, threadId: string, answer: unknown): Promise<void> {
  await rpc(request, "ResumeThread", { threadId, stepInputOverrideJson: JSON.stringify(answer) });
}

export async function getThread(request: APIRequestContext, threadId: string): Promise<ThreadJson> {
  return rpc<ThreadJson>(request, "GetThread", { threadId });
}

/** The thread's status by name ("THREAD_STATUS_RUNNING", …). */
export async function threadStatus(request: APIRequestContext, threadId: string): Promise<string> {
  return (await getThread(request, threadId)).status ?? "THREAD_STATUS_UNSPECIFIED";
}

/** Polls GetThread until the thread has this status (by name); answers the thread then. */
export async function waitForStatus(request: APIRequestContext, threadId: string, status: string, timeout = 30_000): Promise<ThreadJson> {
  await expect.poll(async () => (await getThread(request, threadId)).status, { timeout, intervals: [200, 500, 1_000] }).toBe(status);
  return getThread(request, threadId);
}

/** Every request the page sends to this method from now on. */
export function recordRpcRequests(page: Page, method: string): Request[] {
  const sent: Request[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === rpcPath(method)) sent.push(request);
  });
  return sent;
}

// ---- the test-only endpoints ------------------------------------------------------------------

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

/** The server's log of a thread as "1-12,14" sequence ranges (the timeline's data-sequence-ranges). */
export async function serverSequenceRanges(request: APIRequestContext, threadId: string): Promise<string> {
  const events = (await threadEvents(request, threadId)) as { sequence?: string | number }[];
  return sequenceRanges(events.map((e) => BigInt(e.sequence ?? 0)));
}

export type ScriptumNodeClient = Client<typeof ScriptumService>;

/** A Connect client over HTTP/1.1 to the server under test. */
export function scriptumClient(baseUrl: string = SANDBOX_URL): ScriptumNodeClient {
  return createClient(ScriptumService, createConnectTransport({ baseUrl, httpVersion: "1.1" }));
}
