// Issue 8, scenario 4 (node side): kill -9 the sandbox at random moments during runs, restart it
// on the same --data-dir, and check every thread after every restart:
//   - its event log is 1..n with no repeated and no skipped sequence, one ThreadStarted, at most
//     one terminal event, and it is the last one;
//   - what was served before the kill is a prefix of what is served after it (nothing committed
//     and shown is lost or rewritten);
//   - paused threads are still PAUSED and resumable after the restart, running threads continue
//     and reach their terminal status.
// The server runs with --fidelity complete so that the served log is the whole stored log: with
// `today`, /__sandbox/threads/:id/events leaves out ThreadPaused (sandbox/watch.ts forwardsEvent),
// so the served sequences skip exactly where a ThreadPaused was recorded. The stored log is the
// same in both fidelities (fidelity only filters what is served); `todayRule` below checks that
// rule on the today view of the same store at the end.
// QUICK: 3 kills (npm test). FULL: 20 kills (RELIABILITY_FULL=1).
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { clientFor, type ScriptumClient } from "../integration/clients";
import { getJson } from "../integration/http-get";
import { killChildServers, startChildServer, type ChildServer } from "../testing/childServer";

const FULL = process.env.RELIABILITY_FULL === "1";
const KILLS = FULL ? 20 : 3;
const ANSWER = { approved: true, amount: 42.5, currency: "EUR" };
const TERMINAL = new Set([ThreadStatus.COMPLETED, ThreadStatus.FAILED, ThreadStatus.CANCELLED]);

interface LoggedEvent {
  sequence: string;
  threadStarted?: unknown;
  threadPaused?: unknown;
  threadCompleted?: unknown;
  threadFailed?: unknown;
  threadCancelled?: unknown;
}

function startChild(dataDir: string, staticDir: string, fidelity: "today" | "complete"): Promise<ChildServer> {
  return startChildServer({ dataDir, staticDir, speed: 5, fidelity, seedThreads: 0 });
}

async function eventLog(child: ChildServer, threadId: string): Promise<LoggedEvent[]> {
  const res = await getJson(`${child.url}/__sandbox/threads/${threadId}/events`);
  if (res.status !== 200) throw new Error(`events of ${threadId}: HTTP ${res.status}`);
  return (res.json as { events: LoggedEvent[] }).events;
}

const isTerminalEvent = (e: LoggedEvent): boolean =>
  e.threadCompleted !== undefined || e.threadFailed !== undefined || e.threadCancelled !== undefined;

/** Problems of a complete-fidelity log; [] when intact. */
export function logProblems(events: readonly LoggedEvent[]): string[] {
  const problems: string[] = [];
  const sequences = events.map((e) => Number(e.sequence));
  sequences.forEach((s, i) => {
    if (s !== i + 1) problems.push(`sequence #${i + 1} is ${s}`);
  });
  const started = events.filter((e) => e.threadStarted !== undefined).length;
  if (started !== 1) problems.push(`${started} ThreadStarted`);
  const terminal = events.findIndex(isTerminalEvent);
  if (terminal >= 0 && terminal !== events.length - 1) problems.push(`events after the terminal event (#${terminal + 1})`);
  return problems.slice(0, 5);
}

/** The today view of a log: increasing, and skipping exactly the ThreadPaused sequences. */
function todayRule(complete: readonly LoggedEvent[], today: readonly LoggedEvent[]): string[] {
  const expected = complete.filter((e) => e.threadPaused === undefined).map((e) => e.sequence);
  const served = today.map((e) => e.sequence);
  return JSON.stringify(expected) === JSON.stringify(served) ? [] : [`today serves ${served.join(",")}, expected ${expected.join(",")}`];
}

async function statusOf(client: ScriptumClient, threadId: string): Promise<ThreadStatus> {
  return (await client.getThread({ threadId }, { timeoutMs: 10_000 })).status;
}

const randomMs = (min: number, max: number): number => min + Math.floor(Math.random() * (max - min));

function reportCount(scenario: string, trials: number, failures: number, notes: string): void {
  console.log(`${scenario}: ${trials} trials, ${failures} failures (${notes})`);
  const file = process.env.RELIABILITY_REPORT;
  if (file !== undefined && file !== "") appendFileSync(file, `${JSON.stringify({ scenario, trials, failures, notes, full: FULL })}\n`);
}

describe("scenario 4: the sandbox survives kill -9 at random moments", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "rel-crash-"));
  const staticDir = mkdtempSync(join(tmpdir(), "rel-crash-static-"));
  writeFileSync(join(staticDir, "index.html"), "<!doctype html><title>Scriptum Console</title>");

  afterEach(async () => {
    await killChildServers();
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(staticDir, { recursive: true, force: true });
  });

  it(`${KILLS} kills: every log intact, paused threads resumable, running threads continue`, { timeout: (KILLS * 25 + 120) * 1000 }, async () => {
    const threads = new Map<string, string>(); // id → script
    const lastSeen = new Map<string, LoggedEvent[]>();
    const pausedAtKill = new Set<string>();
    const problems: string[] = [];
    let resumedAfterRestart = 0;

    const checkAll = async (child: ChildServer, when: string): Promise<void> => {
      for (const threadId of threads.keys()) {
        const events = await eventLog(child, threadId);
        for (const p of logProblems(events)) problems.push(`${when} ${threadId}: ${p}`);
        const before = lastSeen.get(threadId) ?? [];
        if (JSON.stringify(events.slice(0, before.length)) !== JSON.stringify(before)) {
          problems.push(`${when} ${threadId}: the log served before the kill (${before.length} events) is not a prefix of the log after it`);
        }
      }
    };

    for (let kill = 1; kill <= KILLS; kill++) {
      const child = await startChild(dataDir, staticDir, "complete");
      const client = clientFor("connect", child);
      await checkAll(child, `after restart ${kill - 1}`);
      // Threads paused when the server died must still be paused, and take their answer.
      for (const threadId of pausedAtKill) {
        const status = await statusOf(client, threadId);
        if (status !== ThreadStatus.PAUSED) {
          problems.push(`after restart ${kill - 1} ${threadId}: paused before the kill, ${ThreadStatus[status]} after`);
          continue;
        }
        await client.resumeThread({ threadId, stepInputOverrideJson: JSON.stringify(ANSWER) });
        resumedAfterRestart += 1;
      }
      pausedAtKill.clear();
      // New work each round, so kills land at different moments of different scripts.
      const inputs: [string, unknown][] = [
        ["invoice-parser", { invoice_id: `INV-CRASH-${kill}` }],
        ["fanout", { steps: randomMs(20, 200) }],
        ["ticker", { seconds: randomMs(1, 4), rate: 10 }],
        ["flaky-report", {}],
      ];
      for (const [scriptName, input] of inputs) {
        const { threadId } = await client.createThread({ scriptName, inputJson: JSON.stringify(input) });
        threads.set(threadId, scriptName);
      }
      await new Promise((r) => setTimeout(r, randomMs(50, 2_500)));
      // What is served right before the kill: must survive it.
      for (const threadId of threads.keys()) {
        lastSeen.set(threadId, await eventLog(child, threadId));
        if ((await statusOf(client, threadId)) === ThreadStatus.PAUSED) pausedAtKill.add(threadId);
      }
      await child.kill9();
    }

    // The end: restart, resume what is paused, everything reaches its end with an intact log.
    const child = await startChild(dataDir, staticDir, "complete");
    const client = clientFor("connect", child);
    await checkAll(child, `after restart ${KILLS}`);
    const deadline = Date.now() + 90_000;
    const open = new Set(threads.keys());
    while (open.size > 0 && Date.now() < deadline) {
      for (const threadId of [...open]) {
        const status = await statusOf(client, threadId);
        if (status === ThreadStatus.PAUSED) {
          if (pausedAtKill.has(threadId)) resumedAfterRestart += 1;
          await client.resumeThread({ threadId, stepInputOverrideJson: JSON.stringify(ANSWER) });
        } else if (TERMINAL.has(status)) {
          open.delete(threadId);
        }
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const threadId of open) problems.push(`${threadId} (${threads.get(threadId)}) never reached its end`);
    for (const [threadId, script] of threads) {
      const events = await eventLog(child, threadId);
      for (const p of logProblems(events)) problems.push(`final ${threadId}: ${p}`);
      const status = await statusOf(client, threadId);
      const expected = script === "flaky-report" ? ThreadStatus.FAILED : ThreadStatus.COMPLETED;
      if (status !== expected) problems.push(`final ${threadId} (${script}): ${ThreadStatus[status]}, expected ${ThreadStatus[expected]}`);
      // The stream replays exactly the log.
      const replay: string[] = [];
      for await (const e of client.watchThread({ threadId }, { timeoutMs: 20_000 })) replay.push(String(e.sequence));
      if (JSON.stringify(replay) !== JSON.stringify(events.map((e) => e.sequence))) {
        problems.push(`final ${threadId}: WatchThread replays ${replay.length} events, the log has ${events.length}`);
      }
    }
    await child.kill9();

    // The same store served with today's fidelity: the only gaps are the ThreadPaused events.
    const today = await startChild(dataDir, staticDir, "today");
    const completeLogs = new Map<string, LoggedEvent[]>();
    const restartComplete = await startChild(dataDir, staticDir, "complete");
    for (const threadId of threads.keys()) completeLogs.set(threadId, await eventLog(restartComplete, threadId));
    await restartComplete.kill9();
    for (const threadId of threads.keys()) {
      for (const p of todayRule(completeLogs.get(threadId) ?? [], await eventLog(today, threadId))) {
        problems.push(`today ${threadId}: ${p}`);
      }
    }
    await today.kill9();

    reportCount("4 sandbox crash (kill -9)", KILLS, problems.length, `${threads.size} threads, ${resumedAfterRestart} resumed after a kill while paused`);
    expect(problems).toEqual([]);
    expect(threads.size).toBe(KILLS * 4);
  });
});
