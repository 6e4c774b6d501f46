// The interpreter of a program, written once as a generator so that the live runtime (real
// timers, SQLite) and the synthesizer of seeded threads (virtual clock, memory) run exactly the
// same logic. It yields the pauses it wants; the caller decides what a pause means.
import { StepStatus, ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { assertNever } from "./assertNever.js";
import type { Mutation, StepRecord, ThreadRow } from "./model.js";
import type { Program, RunContext } from "./program.js";
import { ancestorPaths } from "./stepPath.js";
import * as t from "./transitions.js";

export interface DriveEnv {
  row(): ThreadRow;
  step(path: string): StepRecord | undefined;
  /** Applies a mutation; `buffered` ones (high-rate yields) may be written in batches. */
  commit(mutation: Mutation, buffered?: boolean): void;
  nowMs(): number;
  /** Yields stored so far for the thread, and for one step. */
  yieldCount(): number;
  stepYieldCount(path: string): number;
  context(): RunContext;
  /** false: the caller only wants the thread row, so batches may skip building their events. */
  readonly eventsWanted?: boolean;
}

export interface Pause {
  ms: number;
  /** Real-time pauses are not divided by speed. */
  realTime: boolean;
}

export type DriveEnd = "completed" | "failed" | "paused" | "stopped";

export function* drive(env: DriveEnv, program: Program): Generator<Pause, DriveEnd, void> {
  for (;;) {
    const row = env.row();
    if (row.status === ThreadStatus.PENDING) {
      env.commit(t.startThread(row, program, env.nowMs()));
      continue;
    }
    if (row.status !== ThreadStatus.RUNNING) return "stopped";
    const unit = program.unitAt(row.cursor);
    if (unit === undefined) {
      env.commit(t.completeThread(row, program.output(env.context()), env.nowMs()));
      return "completed";
    }
    switch (unit.kind) {
      case "group-start":
        env.commit(t.groupStart(row, unit, program, env.nowMs()));
        break;
      case "group-end": {
        const group = env.step(unit.path);
        if (group === undefined) throw new Error(`group ${unit.path} never started`);
        env.commit(t.groupEnd(row, unit, group, unit.output(env.context()), env.nowMs()));
        break;
      }
      case "leaf": {
        const previous = env.step(unit.step.path);
        // A crash-interrupted or recovered step re-runs with its last (possibly corrected) input.
        const input = previous?.input ?? unit.input(env.context());
        const startedAt = env.nowMs();
        env.commit(t.leafStart(row, unit, previous, input, program, startedAt));
        if (unit.yields !== undefined) {
          const plan = unit.yields(env.context());
          const already = env.stepYieldCount(unit.step.path);
          for (let n = already; n < plan.count; n++) {
            const target = startedAt + (n - already + 1) * plan.intervalMs;
            yield { ms: target - env.nowMs(), realTime: plan.realTime };
            const at = env.nowMs();
            env.commit(t.leafYield(unit.step.path, env.yieldCount(), plan.value(n, at), at), true);
          }
        }
        yield { ms: unit.durationMs, realTime: unit.realTime === true };
        const running = env.step(unit.step.path);
        if (running === undefined) throw new Error(`step ${unit.step.path} lost`);
        const result = unit.run(env.context(), input);
        const now = env.nowMs();
        if (result.ok) {
          env.commit(t.leafComplete(env.row(), running, result.output, now));
        } else {
          const open = ancestorPaths(unit.step.path)
            .map((p) => env.step(p))
            .filter((s): s is StepRecord => s !== undefined && s.status === StepStatus.RUNNING);
          env.commit(t.stepFail(env.row(), running, open, result.error, result.recoverable, "", now));
          return "failed";
        }
        break;
      }
      case "ask": {
        const now = env.nowMs();
        env.commit(t.askPause(row, unit, unit.ask(env.context(), now), env.step(unit.step.path), program, now));
        return "paused";
      }
      case "batch": {
        yield { ms: unit.durationMs, realTime: false };
        env.commit(t.batch(env.row(), unit, env.nowMs(), env.eventsWanted !== false));
        if (unit.failure !== undefined) return "failed";
        break;
      }
      default:
        assertNever(unit, "unit kind");
    }
  }
}
