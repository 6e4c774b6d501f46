import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { ThreadStatus, type WatchThreadResponse } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { collectWatch, sequences, startHarness, tempDir, waitForThread, type Harness } from "./testing/harness.js";

let harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses) await h.sandbox.close();
  harnesses = [];
});

async function open(dataDir: string, speed: number): Promise<Harness> {
  const h = await startHarness({ dataDir, speed, fidelity: "complete" });
  harnesses.push(h);
  return h;
}

function startedAttempts(log: readonly WatchThreadResponse[], stepPath: string): number[] {
  return log.flatMap((m) => (m.event.case === "stepStarted" && m.event.value.stepPath === stepPath ? [m.event.value.attempt] : []));
}

function expectContiguous(log: readonly WatchThreadResponse[]) {
  // complete fidelity forwards every stored event, so the log must be exactly 1..n.
  const seqs = sequences(log);
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
}

async function continueToAskAndResume(h: Harness, threadId: string) {
  await waitForThread(h.client, threadId, (s) => s === ThreadStatus.PAUSED);
  await h.client.resumeThread({ threadId, stepInputOverrideJson: '{"approved":true,"amount":7,"currency":"GBP","note":"after restart"}' });
  const w = await collectWatch(h.client, threadId);
  expect(w.closed).toBe(true);
  expect(w.messages.at(-1)?.event.case).toBe("threadCompleted");
  expectContiguous(w.messages);
  const r = await h.client.getThreadResult({ threadId });
  expect(JSON.parse(Buffer.from(r.outputData).toString())).toEqual({ invoice_id: "INV-R", amount: 7, currency: "GBP", posted: true });
  return w.messages;
}

describe("restart in the middle of a run", () => {
  it("close() mid-step, reopen: the interrupted step re-runs with attempt+1 and the thread continues", async () => {
    const dir = tempDir();
    const a = await open(dir, 5);
    const t = await a.client.createThread({ scriptName: "invoice-parser", inputJson: '{"invoice_id":"INV-R"}' });
    await waitForThread(a.client, t.threadId, (_, x) => x.currentStepPath === "2.0");
    const before = a.sandbox.eventLog(t.threadId) ?? [];
    await a.sandbox.close();
    harnesses = [];

    const b = await open(dir, 50);
    const kept = b.sandbox.eventLog(t.threadId) ?? [];
    // The reopened sandbox may already have re-started the step: the old log is a prefix.
    expect(kept.slice(0, before.length).map((m) => m.sequence)).toEqual(before.map((m) => m.sequence));
    const log = await continueToAskAndResume(b, t.threadId);
    expect(startedAttempts(log, "2.0")).toEqual([1, 2]);
    expect(startedAttempts(log, "1")).toEqual([1]);
  });

  it("a paused thread stays resumable across a restart", async () => {
    const dir = tempDir();
    const a = await open(dir, 50);
    const t = await a.client.createThread({ scriptName: "invoice-parser", inputJson: '{"invoice_id":"INV-R"}' });
    await waitForThread(a.client, t.threadId, (s) => s === ThreadStatus.PAUSED);
    await a.sandbox.close();
    harnesses = [];
    const b = await open(dir, 50);
    await continueToAskAndResume(b, t.threadId);
  });

  it("kill -9 of the process mid-run: no repeated or skipped sequence, the thread continues", async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "testing/crashChild.ts"), dir, "4"], {
      cwd: path.join(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let threadId = "";
    const seen: { seq: number; case: string; stepPath: string }[] = [];
    const lines = readline.createInterface({ input: child.stdout });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    for await (const line of lines) {
      const msg = JSON.parse(line) as { threadId?: string; seq?: number; case?: string; stepPath?: string };
      if (msg.threadId !== undefined) threadId = msg.threadId;
      else seen.push({ seq: msg.seq ?? 0, case: msg.case ?? "", stepPath: msg.stepPath ?? "" });
      if (msg.case === "stepStarted" && msg.stepPath === "2.0") {
        child.kill("SIGKILL");
        break;
      }
    }
    await exited;
    expect(threadId).not.toBe("");
    expect(seen.at(-1)).toMatchObject({ case: "stepStarted", stepPath: "2.0" });

    // The "INV-R" output check does not apply to this thread's invoice id: check it here.
    const b = await open(dir, 50);
    const kept = b.sandbox.eventLog(threadId) ?? [];
    expect(sequences(kept).slice(0, seen.length)).toEqual(seen.map((s) => s.seq));
    await waitForThread(b.client, threadId, (s) => s === ThreadStatus.PAUSED);
    await b.client.resumeThread({ threadId, stepInputOverrideJson: '{"approved":true,"amount":3,"currency":"USD"}' });
    const w = await collectWatch(b.client, threadId);
    expect(w.messages.at(-1)?.event.case).toBe("threadCompleted");
    expectContiguous(w.messages);
    expect(startedAttempts(w.messages, "2.0")).toEqual([1, 2]);
    const r = await b.client.getThreadResult({ threadId });
    expect(JSON.parse(Buffer.from(r.outputData).toString())).toEqual({ invoice_id: "INV-CRASH", amount: 3, currency: "USD", posted: true });
  });
});
