// A thread held in memory with a virtual clock: the DriveEnv used to synthesize seeded threads.
import type { DriveEnv } from "./drive.js";
import type { Mutation, StepRecord, StoredEvent, ThreadRow } from "./model.js";
import type { RunContext } from "./program.js";

export class MemoryThread implements DriveEnv {
  readonly steps = new Map<string, StepRecord>();
  readonly events: StoredEvent[] = [];
  private yields = 0;
  private readonly stepYields = new Map<string, number>();
  /** Light: events are counted, not kept (and batches do not build theirs); for the row only. */
  readonly eventsWanted: boolean;

  constructor(
    private current: ThreadRow,
    public clockMs: number,
    private readonly input: Record<string, unknown>,
    light = false,
  ) {
    this.eventsWanted = !light;
  }

  row(): ThreadRow {
    return this.current;
  }

  step(path: string): StepRecord | undefined {
    return this.steps.get(path);
  }

  commit(mutation: Mutation): void {
    if (mutation.thread !== undefined) this.current = { ...this.current, ...mutation.thread };
    for (const s of mutation.steps ?? []) this.steps.set(s.path, s);
    for (const e of mutation.events ?? []) {
      if (this.eventsWanted) this.events.push({ ...e, seq: this.events.length + 1 });
      if (e.body.case === "valueYielded") {
        this.yields++;
        const path = e.body.value.stepPath;
        this.stepYields.set(path, (this.stepYields.get(path) ?? 0) + 1);
      }
    }
  }

  nowMs(): number {
    return Math.round(this.clockMs);
  }

  yieldCount(): number {
    return this.yields;
  }

  stepYieldCount(path: string): number {
    return this.stepYields.get(path) ?? 0;
  }

  context(): RunContext {
    return { threadId: this.current.threadId, input: this.input, step: (p) => this.steps.get(p) };
  }
}
