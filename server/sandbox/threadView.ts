// One read-only view over a thread, whether it is stored (live or finished) or seeded and
// synthesized on demand: its row, program, steps (path order), events, yields.
import { StepStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { isTerminal, type StepRecord, type StoredEvent, type ThreadRow } from "./model.js";
import { arrayStepsView, type Program, type StepsView } from "./program.js";
import { findScript, storedInput } from "./scripts/catalog.js";
import type { Store } from "./store.js";
import { compareStepPaths } from "./stepPath.js";
import { synthesize, type SynthThread } from "./synth.js";

export interface ThreadView {
  row: ThreadRow;
  program: Program;
  steps(): StepsView;
  events(afterSeq?: number): StoredEvent[];
  /** The first `limit` yields and how many there are in all. */
  yields(limit: number): { values: StoredEvent[]; total: number };
}

/** Stored steps plus the program's not-yet-run steps (pending, or skipped once terminal). */
export function completeSteps(row: ThreadRow, program: Program, stored: readonly StepRecord[], allPaths: readonly string[]): StepsView {
  if (program.computedSteps !== undefined) return program.computedSteps(row);
  const byPath = new Map(stored.map((s) => [s.path, s]));
  const paths = [...new Set([...allPaths, ...byPath.keys()])].sort(compareStepPaths);
  const terminal = isTerminal(row.status);
  const list = paths.map((p): StepRecord => {
    const s = byPath.get(p);
    if (s !== undefined) return s;
    const info = program.stepInfo(p) ?? { path: p, name: p, primitive: "", tool: "" };
    return {
      ...info,
      status: terminal ? StepStatus.SKIPPED : StepStatus.PENDING,
      attempt: 0,
      startedAtMs: 0,
      finishedAtMs: 0,
      error: "",
      recoverable: false,
      input: null,
      output: null,
      ask: null,
    };
  });
  return arrayStepsView(list);
}

/** Every static step path of a (non-computed) program. */
export function staticPaths(program: Program): string[] {
  if (program.computedSteps !== undefined) return [];
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const u = program.unitAt(i);
    if (u === undefined) break;
    if (u.kind === "leaf" || u.kind === "ask" || u.kind === "group-start") out.push(u.step.path);
  }
  return out;
}

export function programOf(row: ThreadRow): Program {
  const script = findScript(row.scriptName);
  if (script === undefined) throw new Error(`unknown script ${row.scriptName}`);
  return script.build(row.threadId, storedInput(script, row.inputJson));
}

export function storedView(store: Store, row: ThreadRow): ThreadView {
  const program = programOf(row);
  return {
    row,
    program,
    steps: () => completeSteps(row, program, store.steps(row.threadId), staticPaths(program)),
    events: (after = 0) => store.events(row.threadId, after),
    yields: (limit) => ({ values: store.yields(row.threadId, limit), total: store.yieldCount(row.threadId) }),
  };
}

export function synthView(s: SynthThread): ThreadView {
  const yields = s.events.filter((e) => e.body.case === "valueYielded");
  return {
    row: s.row,
    program: s.program,
    steps: () => completeSteps(s.row, s.program, s.steps, staticPaths(s.program)),
    events: (after = 0) => s.events.filter((e) => e.seq > after),
    yields: (limit) => ({ values: yields.slice(0, limit), total: yields.length }),
  };
}

/** A small cache of synthesized seeded threads (synthesis is deterministic, so it is only speed). */
export class SynthCache {
  private readonly cache = new Map<string, SynthThread>();
  constructor(private readonly max = 2000) {}

  get(seed: ThreadRow): SynthThread {
    const hit = this.cache.get(seed.threadId);
    if (hit !== undefined) return hit;
    const s = synthesize(seed);
    if (this.cache.size >= this.max) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(seed.threadId, s);
    return s;
  }

  /** The synthesized thread when it is cached (no synthesis). */
  peek(threadId: string): SynthThread | undefined {
    return this.cache.get(threadId);
  }

  drop(threadId: string): void {
    this.cache.delete(threadId);
  }
}
