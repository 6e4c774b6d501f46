// Process level: the real entry point as a child process with a data directory, killed with
// SIGKILL in the middle of a run and while paused, then restarted on the same directory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toJson } from "@bufbuild/protobuf";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ThreadStatus, WatchThreadResponseSchema } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { killChildServers, startChildServer, type ChildServer } from "../testing/childServer";
import { clientFor, type ScriptumClient } from "./clients";
import { getJson } from "./http-get";
import { inBackground, waitForStatus, watchToEnd } from "./streams";
import { waitFor } from "./wait";

const ANSWER = { approved: true, amount: 42.5, currency: "EUR" };

interface LoggedEvent {
  sequence: string;
  threadStarted?: unknown;
  threadPaused?: { stepPath?: string };
  threadCompleted?: unknown;
  stepStarted?: { stepPath?: string };
}

function startChild(dataDir: string, staticDir: string): Promise<ChildServer> {
  return startChildServer({ dataDir, staticDir, speed: 2, fidelity: "complete", seedThreads: 0 }, 30_000);
}

async function eventLog(child: ChildServer, threadId: string): Promise<LoggedEvent[]> {
  const res = await getJson(`${child.url}/__sandbox/threads/${threadId}/events`);
  expect(res.status).toBe(200);
  return (res.json as { events: LoggedEvent[] }).events;
}

function expectContiguous(events: readonly LoggedEvent[]): void {
  const sequences = events.map((e) => Number(e.sequence));
  expect(sequences).toEqual(sequences.map((_, i) => i + 1));
  expect(events.filter((e) => e.threadStarted !== undefined)).toHaveLength(1);
}

describe("the sandbox process survives kill -9", () => {
  let dataDir: string;
  let staticDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "scriptum-restart-"));
    staticDir = mkdtempSync(join(tmpdir(), "scriptum-restart-static-"));
  });

  afterEach(async () => {
    await killChildServers();
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(staticDir, { recursive: true, force: true });
  });

  it("keeps every event once, continues the run, and the ask stays resumable", { timeout: 120_000 }, async () => {
    // 1. Start, create an invoice-parser, kill -9 in the middle of step 2.
    let child = await startChild(dataDir, staticDir);
    let client: ScriptumClient = clientFor("connect", child);
    const { threadId } = await client.createThread({
      scriptName: "invoice-parser",
      inputJson: JSON.stringify({ invoice_id: "INV-CRASH" }),
    });
    const watch = inBackground((signal) => client.watchThread({ threadId }, { signal }));
    await waitFor("step 2 to start", () =>
      watch.items.some((e) => e.event.case === "stepStarted" && e.event.value.stepPath.startsWith("2")),
    );
    await child.kill9();
    await watch.done.catch(() => {});
    const seenBeforeCrash = watch.items.map((e) => toJson(WatchThreadResponseSchema, e));
    expect(seenBeforeCrash.length).toBeGreaterThan(0);
    expect(
      watch.items.some((e) => e.event.case === "stepStarted" && e.event.value.stepPath === "3"),
      "killed before the ask",
    ).toBe(false);

    // 2. Restart on the same directory: the run continues to the ask.
    child = await startChild(dataDir, staticDir);
    client = clientFor("connect", child);
    await waitForStatus(client, threadId, ThreadStatus.PAUSED, 60_000);
    let events = await eventLog(child, threadId);
    expectContiguous(events);
    // What a client saw before the crash is exactly the start of the log after it.
    expect(events.slice(0, seenBeforeCrash.length)).toEqual(seenBeforeCrash);
    expect(events.filter((e) => e.threadPaused !== undefined).map((e) => e.threadPaused?.stepPath)).toEqual(["3"]);
    expect(events.some((e) => e.stepStarted?.stepPath === "2.2")).toBe(true);
    const thread = await client.getThread({ threadId });
    expect(thread.currentStepPath).toBe("3");

    // 3. Kill -9 while paused, restart: still paused, and the answer completes it.
    await child.kill9();
    child = await startChild(dataDir, staticDir);
    client = clientFor("connect", child);
    expect((await client.getThread({ threadId })).status).toBe(ThreadStatus.PAUSED);
    expect(await eventLog(child, threadId)).toEqual(events);
    await client.resumeThread({ threadId, stepInputOverrideJson: JSON.stringify(ANSWER) });
    const replayed = await watchToEnd(client, threadId);
    expect(replayed.at(-1)?.event.case).toBe("threadCompleted");
    events = await eventLog(child, threadId);
    expectContiguous(events);
    expect(replayed.map((e) => e.sequence)).toEqual(events.map((e) => BigInt(e.sequence)));
    const result = await client.getThreadResult({ threadId });
    expect(JSON.parse(new TextDecoder().decode(result.outputData))).toEqual({
      invoice_id: "INV-CRASH",
      amount: 42.5,
      currency: "EUR",
      posted: true,
    });

    // 4. A clean SIGTERM exits with code 0.
    expect(await child.stop()).toBe(0);
  });
});
