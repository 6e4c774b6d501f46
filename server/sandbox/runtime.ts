// The live runtime: runs threads as real asynchronous executions of their programs (timers
// scaled by speed), publishes their events, fails expired asks by timer, and carries out
// ResumeThread and CancelThread. Seeded finished threads are synthesized on read; any change to
// one first writes it to the store for real (materialize).
import { StepStatus, ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { drive, type DriveEnv } from "./drive.js";
import { badRequest, notFound, preconditionFailed } from "./errors.js";
import { EventBus } from "./eventBus.js";
import { isTerminal, statusWord, type Mutation, type StepRecord, type ThreadRow } from "./model.js";
import type { Program, RunContext } from "./program.js";
import { findScript, storedInput } from "./scripts/catalog.js";
import { sleep } from "./sleep.js";
import { synthesizeRow } from "./synth.js";
import { ancestorPaths } from "./stepPath.js";
import type { Store } from "./store.js";
import { programOf, storedView, SynthCache, synthView, type ThreadView } from "./threadView.js";
import * as t from "./transitions.js";
import { isPlainObject, parseJson, validateObject } from "./validate.js";

const PENDING_DELAY_MS = 300;
const MAX_TIMER_MS = 2_147_483_647;

interface Execution {
  controller: AbortController;
  done: Promise<void>;
}

class StoredThreadEnv implements DriveEnv {
  constructor(
    private readonly store: Store,
    private readonly threadId: string,
    private readonly input: Record<string, unknown>,
    private readonly onEvents: (m: Mutation, buffered: boolean) => void,
  ) {}
  row(): ThreadRow {
    const r = this.store.getThread(this.threadId);
    if (r === undefined) throw new Error(`thread ${this.threadId} vanished`);
    return r;
  }
  step(path: string): StepRecord | undefined {
    return this.store.step(this.threadId, path);
  }
  commit(mutation: Mutation, buffered = false): void {
    this.onEvents(mutation, buffered);
  }
  nowMs(): number {
    return Date.now();
  }
  yieldCount(): number {
    return this.store.yieldCount(this.threadId);
  }
  stepYieldCount(path: string): number {
    return this.store.stepYieldCount(this.threadId, path);
  }
  context(): RunContext {
    return { threadId: this.threadId, input: this.input, step: (p) => this.store.step(this.threadId, p) };
  }
}

export class Runtime {
  readonly bus = new EventBus();
  private readonly executions = new Map<string, Execution>();
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  private readonly synth = new SynthCache();
  private closed = false;
  private warming: NodeJS.Immediate | undefined;

  constructor(
    private readonly store: Store,
    private readonly speed: number,
  ) {}

  /** Starts every stored pending/running thread and arms the timers of paused asks. */
  start(): void {
    for (const id of this.store.liveThreadIds()) {
      const row = this.store.getThread(id);
      if (row === undefined) continue;
      if (row.status === ThreadStatus.PAUSED) this.armExpiry(id);
      else this.startExecution(id);
    }
  }

  view(threadId: string): ThreadView | undefined {
    const row = this.store.getThread(threadId);
    if (row === undefined) return undefined;
    return row.synth ? synthView(this.synth.get(row)) : storedView(this.store, row);
  }

  /**
   * Thread rows as clients see them. A seeded row is synthesized once, without its log
   * (synthesizeRow), and written back to the store, so later reads cost a row read.
   */
  present(row: ThreadRow): ThreadRow {
    return this.presentMany([row])[0] ?? row;
  }

  /**
   * Presents (and so writes back) the given seeded rows in idle time, a slice per event-loop
   * turn: the history's first pages are then a plain read when a console opens them.
   */
  warm(rows: readonly ThreadRow[], slice = 10): void {
    const pending = rows.filter((r) => r.synth && r.presented !== true);
    let i = 0;
    const next = () => {
      this.warming = undefined;
      if (this.closed || i >= pending.length) return;
      // Rows may have changed since they were read (materialized by a resume): re-read them.
      const fresh = pending.slice(i, i + slice).flatMap((r) => this.store.getThread(r.threadId) ?? []);
      i += slice;
      this.presentMany(fresh);
      this.warming = setImmediate(next);
    };
    if (pending.length > 0) this.warming = setImmediate(next);
  }

  presentMany(rows: readonly ThreadRow[]): ThreadRow[] {
    const fresh: ThreadRow[] = [];
    const out = rows.map((row) => {
      if (!row.synth || row.presented === true) return row;
      const r = this.synth.peek(row.threadId)?.row ?? synthesizeRow(row);
      fresh.push(r);
      return r;
    });
    if (!this.closed) this.store.saveSynthRows(fresh);
    return out;
  }

  commit(threadId: string, mutation: Mutation, buffered = false): void {
    const events = this.store.commit(threadId, mutation, buffered);
    this.bus.publish(threadId, events);
  }

  /** A seeded thread about to change is written to the store with its synthesized history. */
  materialize(threadId: string): ThreadRow | undefined {
    const row = this.store.getThread(threadId);
    if (row === undefined || !row.synth) return row;
    const s = this.synth.get(row);
    this.store.materialize(s.row, s.steps, s.events);
    this.synth.drop(threadId);
    return this.store.getThread(threadId);
  }

  createThread(row: ThreadRow): void {
    this.store.insertThread(row);
    this.startExecution(row.threadId);
  }

  startExecution(threadId: string): void {
    if (this.closed || this.executions.has(threadId)) return;
    const row = this.store.getThread(threadId);
    if (row === undefined) return;
    const script = findScript(row.scriptName);
    if (script === undefined) return;
    const input = storedInput(script, row.inputJson);
    const program = script.build(threadId, input);
    const controller = new AbortController();
    const env = new StoredThreadEnv(this.store, threadId, input, (m, buffered) => this.commit(threadId, m, buffered));
    const done = this.run(env, program, controller.signal, row.status === ThreadStatus.PENDING)
      .catch((e: unknown) => {
        if (!this.closed) console.error(`sandbox: thread ${threadId} crashed:`, e);
      })
      .finally(() => {
        if (this.executions.get(threadId)?.controller === controller) this.executions.delete(threadId);
      });
    this.executions.set(threadId, { controller, done });
  }

  private async run(env: StoredThreadEnv, program: Program, signal: AbortSignal, pending: boolean): Promise<void> {
    if (pending) await sleep(PENDING_DELAY_MS / this.speed, signal);
    const gen = drive(env, program);
    let immediate = 0;
    try {
      for (;;) {
        if (signal.aborted) return;
        const r = gen.next();
        if (r.done === true) {
          if (r.value === "paused") this.armExpiry(env.row().threadId);
          return;
        }
        const ms = r.value.realTime ? r.value.ms : r.value.ms / this.speed;
        if (ms >= 1) {
          immediate = 0;
          await sleep(ms, signal);
        } else if (++immediate % 50 === 0) {
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    } finally {
      gen.return("stopped");
    }
  }

  private armExpiry(threadId: string): void {
    this.clearExpiry(threadId);
    if (this.closed) return;
    const row = this.store.getThread(threadId);
    if (row === undefined || row.status !== ThreadStatus.PAUSED) return;
    const ask = this.store.step(threadId, row.currentStepPath)?.ask;
    if (ask == null || ask.expiresAtMs <= 0) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, ask.expiresAtMs - Date.now()));
    const timer = setTimeout(() => {
      this.expiryTimers.delete(threadId);
      this.expireIfDue(threadId);
      this.armExpiry(threadId);
    }, delay);
    timer.unref();
    this.expiryTimers.set(threadId, timer);
  }

  private clearExpiry(threadId: string): void {
    const timer = this.expiryTimers.get(threadId);
    if (timer !== undefined) clearTimeout(timer);
    this.expiryTimers.delete(threadId);
  }

  /** Fails a paused thread whose ask has expired; true when it did. */
  private expireIfDue(threadId: string): boolean {
    const row = this.store.getThread(threadId);
    if (row === undefined || row.status !== ThreadStatus.PAUSED) return false;
    const step = this.store.step(threadId, row.currentStepPath);
    const ask = step?.ask;
    if (step === undefined || ask == null || ask.expiresAtMs <= 0 || Date.now() < ask.expiresAtMs) return false;
    this.commit(threadId, t.expireAsk(row, step, Date.now()));
    return true;
  }

  /** ResumeThread: answer a paused ask, or re-run a recoverable failed step with corrected input. */
  resume(threadId: string, overrideJson: string): ThreadRow {
    const presented = this.view(threadId)?.row;
    if (presented === undefined) throw notFound(`thread ${threadId} not found`);
    const changes =
      presented.status === ThreadStatus.PAUSED ||
      (presented.status === ThreadStatus.FAILED && presented.failReason === "" && presented.recoverableStepPath !== "");
    // Only a thread that will change is written to the store (seeded ones are synthesized).
    const row = changes ? this.materialize(threadId) : presented;
    if (row === undefined) throw notFound(`thread ${threadId} not found`);
    if (row.status === ThreadStatus.PAUSED) return this.answerAsk(row, overrideJson);
    if (row.status === ThreadStatus.FAILED) {
      if (row.failReason === "ASK_EXPIRED") {
        throw preconditionFailed("ASK_EXPIRED", `ask at step ${row.currentStepPath} of thread ${threadId} expired; the thread failed`, {
          thread_id: threadId,
          step_path: row.currentStepPath,
        });
      }
      if (row.failReason === "ASK_NO_ATTEMPTS_LEFT") {
        throw preconditionFailed("ASK_NO_ATTEMPTS_LEFT", `ask at step ${row.currentStepPath} of thread ${threadId} has no attempts left; the thread failed`, {
          thread_id: threadId,
          step_path: row.currentStepPath,
        });
      }
      if (row.recoverableStepPath !== "") return this.recover(row, overrideJson);
    }
    throw preconditionFailed("THREAD_NOT_PAUSED", `thread ${threadId} is not paused (status: ${statusWord(row.status)})`, {
      thread_id: threadId,
      status: statusWord(row.status),
    });
  }

  private answerAsk(row: ThreadRow, overrideJson: string): ThreadRow {
    const threadId = row.threadId;
    const step = this.store.step(threadId, row.currentStepPath);
    const ask = step?.ask;
    const unit = programOf(row).unitAt(row.cursor);
    if (step === undefined || ask == null || unit?.kind !== "ask") {
      throw preconditionFailed("THREAD_NOT_PAUSED", `thread ${threadId} is not paused at an ask`, { thread_id: threadId });
    }
    if (this.expireIfDue(threadId)) {
      this.clearExpiry(threadId);
      throw preconditionFailed("ASK_EXPIRED", `ask at step ${step.path} of thread ${threadId} expired; the thread failed`, {
        thread_id: threadId,
        step_path: step.path,
      });
    }
    const parsed = parseJson(overrideJson.trim() === "" ? "{}" : overrideJson);
    const violations = !parsed.ok
      ? [{ field: "step_input_override_json", description: `must be valid JSON (${parsed.error})` }]
      : !isPlainObject(parsed.value)
        ? [{ field: "step_input_override_json", description: "must be a JSON object whose keys are the ask's fields" }]
        : validateObject(parsed.value, ask.fields, ask.enums, { rejectUnknown: true, unknownDescription: "is not a field of this ask" });
    if (violations.length > 0 || !parsed.ok || !isPlainObject(parsed.value)) {
      const now = Date.now();
      const mutation = t.rejectAnswer(row, step, now);
      this.commit(threadId, mutation);
      const left = ask.maxAttempts - ask.attempt;
      if (mutation.thread?.status === ThreadStatus.FAILED) this.clearExpiry(threadId);
      throw badRequest(
        left > 0
          ? `the answer to ask ${step.path} was rejected (attempt ${ask.attempt} of ${ask.maxAttempts}; ${left} left)`
          : `the answer to ask ${step.path} was rejected and no attempts are left (attempt ${ask.attempt} of ${ask.maxAttempts}); the thread failed`,
        violations,
      );
    }
    this.clearExpiry(threadId);
    this.commit(threadId, t.acceptAnswer(row, step, unit.answerOutput(parsed.value), Date.now()));
    this.startExecution(threadId);
    return this.store.getThread(threadId) ?? row;
  }

  private recover(row: ThreadRow, overrideJson: string): ThreadRow {
    const threadId = row.threadId;
    const step = this.store.step(threadId, row.recoverableStepPath);
    if (step === undefined) throw preconditionFailed("THREAD_NOT_PAUSED", `thread ${threadId} is not paused (status: failed)`);
    const parsed = parseJson(overrideJson.trim() === "" ? "{}" : overrideJson);
    if (!parsed.ok || !isPlainObject(parsed.value)) {
      throw badRequest(`corrected input for step ${step.path} must be a JSON object`, [
        { field: "step_input_override_json", description: parsed.ok ? "must be a JSON object" : `must be valid JSON (${parsed.error})` },
      ]);
    }
    const last = step.input?.kind === "json" ? (JSON.parse(step.input.text) as unknown) : {};
    const merged = { ...(isPlainObject(last) ? last : {}), ...parsed.value };
    const failedAncestors = ancestorPaths(step.path)
      .map((p) => this.store.step(threadId, p))
      .filter((s): s is StepRecord => s !== undefined && s.status === StepStatus.FAILED);
    this.commit(threadId, t.recoverStep(row, step, failedAncestors, { kind: "json", text: JSON.stringify(merged) }, Date.now()));
    this.startExecution(threadId);
    return this.store.getThread(threadId) ?? row;
  }

  /** CancelThread (complete fidelity). */
  cancel(threadId: string, reason: string): ThreadRow {
    const presented = this.view(threadId)?.row;
    if (presented === undefined) throw notFound(`thread ${threadId} not found`);
    const row = isTerminal(presented.status) ? presented : this.materialize(threadId);
    if (row === undefined) throw notFound(`thread ${threadId} not found`);
    if (isTerminal(row.status)) {
      throw preconditionFailed("THREAD_TERMINAL", `thread ${threadId} is already ${statusWord(row.status)}`, {
        thread_id: threadId,
        status: statusWord(row.status),
      });
    }
    this.executions.get(threadId)?.controller.abort();
    this.executions.delete(threadId);
    this.clearExpiry(threadId);
    const active = this.store.steps(threadId).filter((s) => s.status === StepStatus.RUNNING || s.status === StepStatus.WAITING);
    this.commit(threadId, t.cancelThread(row, active, reason === "" ? "cancelled by request" : reason, Date.now()));
    return this.store.getThread(threadId) ?? row;
  }

  /** Stops every execution (their interrupted steps re-run on the next start). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.warming !== undefined) clearImmediate(this.warming);
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
    const running = [...this.executions.values()];
    for (const e of running) e.controller.abort();
    await Promise.all(running.map((e) => e.done));
    this.store.flush();
  }

  activeExecutions(): number {
    return this.executions.size;
  }
}
