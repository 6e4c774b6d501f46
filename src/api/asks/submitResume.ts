// Sending an answer (or a correction) with ResumeThread, safely: one request per ask at a time,
// and after an outcome that may have reached the service (a network error), the thread is read
// again before another request, so that an answer is never sent twice.
import type { ScriptumClient } from "../client";
import { ThreadStatus, type Thread } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { askFromStep } from "./askSource";
import { askKey, createInFlightGuard, type InFlightGuard } from "./inFlightGuard";
import { loadStepDetail } from "./loadStep";
import { classifyResumeError, type ResumeFailure } from "./resumeErrors";

export type ResumeTarget = {
  threadId: string;
  stepPath: string;
  /** "ask": the thread is paused at an ask; "recovery": the thread failed at a recoverable step. */
  mode: "ask" | "recovery";
  /** The ask attempt the answer is for (asks only; 0 when unknown). */
  attempt: number;
  /** Recovery only: the failed thread's finished_at_ms when the form was opened (0 = unknown). */
  failedAtMs?: bigint;
};

export type ResumeOutcome =
  | { kind: "resumed"; thread: Thread | null }
  /** The thread no longer waits at this step: someone (maybe this page, before a network error) answered. */
  | { kind: "already-answered"; thread: Thread | null }
  /** An earlier answer of this page reached the service and was rejected; the ask moved on an attempt. */
  | { kind: "attempt-moved-on" }
  | { kind: "failed"; failure: ResumeFailure };

export type SubmitDeps = { client: ScriptumClient; guard: InFlightGuard<ResumeOutcome> };

/** The app-wide guard: every form of every ask shares it. */
export const resumeGuard: InFlightGuard<ResumeOutcome> = createInFlightGuard<ResumeOutcome>();

export function targetKey(target: ResumeTarget): string {
  return `${askKey(target.threadId, target.stepPath)}|${target.mode}|${target.attempt}`;
}

export function submitResume(deps: SubmitDeps, target: ResumeTarget, overrideJson: string): Promise<ResumeOutcome> {
  const key = targetKey(target);
  return deps.guard.run(key, async () => {
    if (deps.guard.isUncertain(key)) {
      const check = await checkStillWaiting(deps.client, target);
      // Still unreachable: send nothing, and the outcome stays uncertain.
      if (check.kind === "unreachable") return check.outcome;
      deps.guard.clearUncertain(key);
      if (check.kind === "moved") return check.outcome;
    }
    try {
      const response = await deps.client.resumeThread({
        threadId: target.threadId,
        stepInputOverrideJson: overrideJson,
      });
      return { kind: "resumed", thread: response.thread ?? null };
    } catch (error) {
      const failure = classifyResumeError(error);
      if (failure.kind === "uncertain") deps.guard.markUncertain(key);
      if (failure.kind === "precondition" && failure.reason === "not-paused") {
        return { kind: "already-answered", thread: await readThreadOrNull(deps.client, target.threadId) };
      }
      return { kind: "failed", failure };
    }
  });
}

type WaitCheck =
  | { kind: "waiting" }
  | { kind: "moved"; outcome: ResumeOutcome }
  | { kind: "unreachable"; outcome: ResumeOutcome };

async function checkStillWaiting(client: ScriptumClient, target: ResumeTarget): Promise<WaitCheck> {
  let thread: Thread;
  try {
    thread = await client.getThread({ threadId: target.threadId });
  } catch (error) {
    return { kind: "unreachable", outcome: { kind: "failed", failure: classifyResumeError(error) } };
  }
  if (!isWaitingAt(thread, target)) return { kind: "moved", outcome: { kind: "already-answered", thread } };
  const failedAt = target.failedAtMs ?? 0n;
  if (target.mode === "recovery" && failedAt > 0n && thread.finishedAtMs !== failedAt) {
    // It failed again since the form opened: the earlier correction went through.
    return { kind: "moved", outcome: { kind: "already-answered", thread } };
  }
  if (target.mode === "ask" && target.attempt > 0) {
    const step = await loadStepDetail(client, target.threadId, target.stepPath).catch(() => null);
    const ask = step === null ? null : askFromStep(step);
    if (ask !== null && ask.attempt !== target.attempt) return { kind: "moved", outcome: { kind: "attempt-moved-on" } };
  }
  return { kind: "waiting" };
}

export function isWaitingAt(thread: Thread, target: Pick<ResumeTarget, "stepPath" | "mode">): boolean {
  const expected = target.mode === "ask" ? ThreadStatus.PAUSED : ThreadStatus.FAILED;
  if (thread.status !== expected) return false;
  return thread.currentStepPath === "" || thread.currentStepPath === target.stepPath;
}

async function readThreadOrNull(client: ScriptumClient, threadId: string): Promise<Thread | null> {
  try {
    return await client.getThread({ threadId });
  } catch {
    return null;
  }
}
