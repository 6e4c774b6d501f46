// Keeping the tree current during a run: WatchThread step events become patches, applied on top
// of the StreamStepResult snapshot. A patch never moves a step backwards (a replayed "started"
// does not undo a "completed" the snapshot already had) unless it is a new attempt.
import {
  StepStatus,
  type WatchThreadResponse,
} from "../gen/dodil/scriptum/v1/scriptum_pb";
import { assertNever, unknownFromWire } from "../../assertNever";
import {
  appendColumns,
  columnsFromRecords,
  recordAt,
  withNumbers,
  type StepColumns,
  type StepRecord,
} from "./stepColumns";
import { buildStepTree, findRow, withFlags, type StepTree } from "./stepTree";

export interface StepPatch {
  path: string;
  kind: "started" | "completed" | "failed";
  atMs: number;
  name?: string;
  primitive?: string;
  tool?: string;
  attempt?: number;
  durationMs?: number;
  error?: string;
}

/** The step patch an event carries, or null for events about the thread or yields. */
export function patchFromEvent(ev: WatchThreadResponse): StepPatch | null {
  const atMs = Number(ev.occurredAtMs);
  const e = ev.event;
  switch (e.case) {
    case "stepStarted":
      return {
        path: e.value.stepPath,
        kind: "started",
        atMs,
        name: e.value.name,
        primitive: e.value.primitive,
        tool: e.value.tool,
        attempt: e.value.attempt,
      };
    case "stepCompleted":
      return { path: e.value.stepPath, kind: "completed", atMs, durationMs: Number(e.value.durationMs) };
    case "stepFailed":
      return { path: e.value.stepPath, kind: "failed", atMs, error: e.value.error };
    case "threadStarted":
    case "threadCompleted":
    case "threadFailed":
    case "threadCancelled":
    case "threadPaused":
    case "valueYielded":
    case undefined:
      return null;
    default:
      return assertNever(e, "watch event");
  }
}

function rank(s: StepStatus): number {
  switch (s) {
    case StepStatus.UNSPECIFIED:
    case StepStatus.PENDING:
      return 0;
    case StepStatus.RUNNING:
    case StepStatus.WAITING:
      return 1;
    case StepStatus.COMPLETED:
    case StepStatus.FAILED:
    case StepStatus.SKIPPED:
      return 2;
    default:
      return unknownFromWire(s, 0);
  }
}

/** What a step looks like after one patch. */
export function patchRecord(base: StepRecord | undefined, p: StepPatch): StepRecord {
  const r: StepRecord = base
    ? { ...base }
    : {
        path: p.path,
        name: "",
        primitive: "",
        tool: "",
        error: "",
        status: StepStatus.PENDING,
        attempt: 0,
        startedAtMs: 0,
        finishedAtMs: 0,
        durationMs: 0,
      };
  switch (p.kind) {
    case "started": {
      const newAttempt = (p.attempt ?? 0) > r.attempt;
      if (rank(r.status) >= 1 && !newAttempt) {
        // A replay: fill what the snapshot lacked, change nothing else.
        if (r.name === "") r.name = p.name ?? "";
        if (r.primitive === "") r.primitive = p.primitive ?? "";
        if (r.tool === "") r.tool = p.tool ?? "";
        return r;
      }
      r.status = StepStatus.RUNNING;
      r.name = p.name || r.name;
      r.primitive = p.primitive || r.primitive;
      r.tool = p.tool || r.tool;
      r.attempt = Math.max(r.attempt, p.attempt ?? 0);
      r.startedAtMs = p.atMs || r.startedAtMs;
      r.finishedAtMs = 0;
      r.durationMs = 0;
      r.error = "";
      return r;
    }
    case "completed":
    case "failed": {
      if (rank(r.status) === 2 && r.finishedAtMs >= p.atMs && r.finishedAtMs > 0) return r;
      r.status = p.kind === "completed" ? StepStatus.COMPLETED : StepStatus.FAILED;
      r.finishedAtMs = p.atMs || r.finishedAtMs;
      if (p.durationMs !== undefined && p.durationMs > 0) r.durationMs = p.durationMs;
      else if (r.startedAtMs > 0 && r.finishedAtMs > 0) r.durationMs = r.finishedAtMs - r.startedAtMs;
      if (p.kind === "failed") r.error = p.error ?? r.error;
      return r;
    }
    default:
      return assertNever(p.kind, "patch kind");
  }
}

export interface PatchPlan {
  /** The tree's columns with status and time changes of known steps applied. */
  cols: StepColumns;
  /** New steps, and known steps whose name, tool or error changed: the structure is rebuilt. */
  appended: StepRecord[];
  /** A known step's status or times changed (false: the replay of a finished thread). */
  changed: boolean;
}

/**
 * Applies patches (in sequence order) to a tree. Status and time changes of known steps are done
 * in place on copied numeric columns; new steps and changed names or errors are appended as
 * records that replace the old ones when the structure is rebuilt (merging, not re-sorting).
 */
export function applyStepPatches(tree: StepTree, patches: readonly StepPatch[]): StepTree {
  if (patches.length === 0) return tree;
  const plan = planStepPatches(tree, patches);
  return finishPlan(tree, plan);
}

/**
 * The tree after a plan: the same tree when nothing changed, flags only, or a rebuild (the part a
 * worker can do for big trees).
 */
export function finishPlan(tree: StepTree, plan: PatchPlan): StepTree {
  if (plan.appended.length === 0) return plan.changed ? withFlags({ ...tree, cols: plan.cols }) : tree;
  return buildStepTree(appendColumns(plan.cols, columnsFromRecords(plan.appended)), tree.src);
}

export function planStepPatches(tree: StepTree, patches: readonly StepPatch[]): PatchPlan {
  // The numeric columns are copied on the first change only: replaying the events of a finished
  // thread (thousands of them on a big tree) changes nothing and costs no O(steps) pass.
  let cols = tree.cols;
  let changed = false;
  const appended = new Map<string, StepRecord>();
  for (const p of patches) {
    const pending = appended.get(p.path);
    const row = pending === undefined ? findRow(tree, p.path) : -1;
    const base = pending ?? (row >= 0 ? recordAt(cols, tree.src[row] as number) : undefined);
    const next = patchRecord(base, p);
    if (row >= 0 && base !== undefined && sameStrings(base, next)) {
      if (sameNumbers(base, next)) continue;
      if (!changed) {
        cols = withNumbers(cols);
        changed = true;
      }
      const c = tree.src[row] as number;
      cols.status[c] = next.status;
      cols.attempt[c] = next.attempt;
      cols.startedAt[c] = next.startedAtMs;
      cols.finishedAt[c] = next.finishedAtMs;
      cols.duration[c] = next.durationMs;
    } else {
      appended.set(p.path, next);
    }
  }
  return { cols, appended: [...appended.values()], changed };
}

function sameStrings(a: StepRecord, b: StepRecord): boolean {
  return a.name === b.name && a.primitive === b.primitive && a.tool === b.tool && a.error === b.error;
}

function sameNumbers(a: StepRecord, b: StepRecord): boolean {
  return (
    a.status === b.status &&
    a.attempt === b.attempt &&
    a.startedAtMs === b.startedAtMs &&
    a.finishedAtMs === b.finishedAtMs &&
    a.durationMs === b.durationMs
  );
}

/** Patches from the events after `afterSequence`, and the last sequence seen. */
export function patchesSince(
  events: readonly WatchThreadResponse[],
  afterSequence: bigint,
): { patches: StepPatch[]; lastSequence: bigint } {
  const patches: StepPatch[] = [];
  let last = afterSequence;
  // Events are sorted by sequence: find the first new one by binary search.
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as WatchThreadResponse).sequence <= afterSequence) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < events.length; i++) {
    const ev = events[i] as WatchThreadResponse;
    if (ev.sequence > last) last = ev.sequence;
    const p = patchFromEvent(ev);
    if (p !== null) patches.push(p);
  }
  return { patches, lastSequence: last };
}

