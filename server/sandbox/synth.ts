// Synthesizing a seeded thread: its program is driven on a virtual clock from its creation time,
// with a policy that leads to its seeded status (answer the ask, let it expire, cancel after a
// few units, stop while running…). Seeded finished threads are never stored beyond their row:
// their log, steps and output are synthesized on demand, identically every time.
import { StepStatus, ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { drive } from "./drive.js";
import { MemoryThread } from "./memoryThread.js";
import { pendingRow, type StepRecord, type StoredEvent, type ThreadRow } from "./model.js";
import type { AskUnit, Program } from "./program.js";
import { hash32, prng, randInt } from "./random.js";
import { findScript, storedInput } from "./scripts/catalog.js";
import * as t from "./transitions.js";

export interface SynthThread {
  row: ThreadRow;
  steps: StepRecord[];
  events: StoredEvent[];
  program: Program;
}

/** How far a seeded running thread got before the sandbox (re)started. */
function runningCursor(threadId: string): number {
  return 1 + (hash32(threadId + "/running") % 2);
}

/** A seeded thread's row as synthesize() gives it, without keeping its log (cheap: ListThreads, GetThread). */
export function synthesizeRow(seed: ThreadRow): ThreadRow {
  return run(seed, true).row;
}

export function synthesize(seed: ThreadRow): SynthThread {
  return run(seed, false);
}

/** The state fields of a seed row before anything ran (a row read back with a cached state is reset). */
function seedStart(seed: ThreadRow, totalSteps: number): ThreadRow {
  const { threadId, scriptName, version, createdAtMs, metadata, inputJson } = seed;
  return pendingRow({ threadId, scriptName, version, totalSteps, createdAtMs, metadata, inputJson });
}

function run(seed: ThreadRow, light: boolean): SynthThread {
  const script = findScript(seed.scriptName);
  if (script === undefined) throw new Error(`unknown script ${seed.scriptName}`);
  const input = storedInput(script, seed.inputJson);
  const program = script.build(seed.threadId, input);
  const rand = prng(hash32(seed.threadId));
  const target = seed.status;
  const start = seedStart(seed, program.totalSteps);
  const mem = new MemoryThread(start, seed.createdAtMs, input, light);
  if (target === ThreadStatus.PENDING) return { row: start, steps: [], events: [], program };

  mem.clockMs += randInt(rand, 200, 1500);
  const cancelAt = target === ThreadStatus.CANCELLED ? randInt(rand, 1, 4) : Infinity;
  const stopAt = target === ThreadStatus.RUNNING ? runningCursor(seed.threadId) : Infinity;
  for (let guard = 0; guard < 20; guard++) {
    const gen = drive(mem, program);
    let end: string | undefined;
    for (;;) {
      const before = mem.row().cursor;
      const r = gen.next();
      if (r.done === true) {
        end = r.value;
        break;
      }
      mem.clockMs += Math.max(0, r.value.ms);
      if (mem.row().cursor >= cancelAt || (mem.row().cursor >= stopAt && before < mem.row().cursor)) break;
    }
    const row = mem.row();
    if (target === ThreadStatus.CANCELLED && row.status !== ThreadStatus.COMPLETED && row.status !== ThreadStatus.FAILED) {
      const active = [...mem.steps.values()].filter((s) => s.status === StepStatus.RUNNING || s.status === StepStatus.WAITING);
      mem.clockMs += randInt(rand, 100, 5000);
      mem.commit(t.cancelThread(row, active, "cancelled by operator", mem.clockMs));
      break;
    }
    if (target === ThreadStatus.RUNNING && end === undefined) break;
    if (end !== "paused" || target === ThreadStatus.PAUSED) break;
    // Paused at an ask: answer it (completed), or fail it (failed: expiry or exhausted attempts).
    const ask = mem.step(row.currentStepPath);
    const unit = program.unitAt(row.cursor);
    if (ask?.ask == null || unit?.kind !== "ask") break;
    if (target === ThreadStatus.FAILED) {
      if (ask.ask.expiresAtMs > 0 && rand() < 0.6) {
        mem.clockMs = ask.ask.expiresAtMs;
        mem.commit(t.expireAsk(row, ask, mem.clockMs));
      } else {
        let step = ask;
        for (let i = 0; i < ask.ask.maxAttempts && mem.row().status === ThreadStatus.PAUSED; i++) {
          mem.clockMs += randInt(rand, 20_000, 600_000);
          mem.commit(t.rejectAnswer(mem.row(), step, mem.clockMs));
          step = mem.step(step.path) ?? step;
        }
      }
      break;
    }
    mem.clockMs += randInt(rand, 30_000, 3 * 3_600_000);
    const answer = script.seedAnswer?.(input) ?? {};
    mem.commit(t.acceptAnswer(row, ask, (unit satisfies AskUnit).answerOutput(answer), mem.clockMs));
  }
  if (target === ThreadStatus.RUNNING) {
    // Stop a seeded running thread between units: a leaf it had just started is dropped, so the
    // runtime starts it afresh (attempt 1) instead of re-running it as after a crash.
    const last = mem.events[mem.events.length - 1];
    const unit = program.unitAt(mem.row().cursor);
    if (last?.body.case === "stepStarted" && unit?.kind === "leaf" && unit.step.path === last.body.value.stepPath) {
      mem.events.pop();
      mem.steps.delete(unit.step.path);
    }
  }
  const steps = program.computedSteps === undefined ? [...mem.steps.values()] : [];
  return { row: mem.row(), steps, events: mem.events, program };
}
