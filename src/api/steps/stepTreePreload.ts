// Step-tree loads in the worker, and the preload: the thread page starts loading its tree as soon
// as it opens (in parallel with GetThread and with the download of the step-tree code) instead of
// when the tree component mounts; the tree then takes that load over (openStepTreeLoad). The
// latest load is remembered, so a preload asked for while the tree already loads the same thread
// (the tree's effect can run first, when its code was loaded before) starts nothing. A preload
// nobody takes is stopped when the page goes away, and dropped FRESH_MS after it finished. Once
// the tree took a load of the thread it reads the thread itself (its own re-reads): the preload,
// asked for at every render of the page, starts nothing more until the page goes away (it used
// to start a StreamStepResult at each render more than FRESH_MS after the last load: 31 of the 58
// requests of a thread page in the storm spec). Loads go through the call gate when one is given
// (gatedRead: sent only while it is open, never as its probe).
import type { CallGate } from "../callGate";
import { gatedRead } from "../gatedTransport";
import { loadTreeInWorker, workersAvailable, type BuiltTree, type PartialTree } from "./stepTreeWorkerClient";
import type { StepPatch } from "./liveStepPatches";
import type { WorkerConnection } from "./workerProtocol";

export const FRESH_MS = 10_000;

interface Partials {
  latest: PartialTree | undefined;
  listener: ((p: PartialTree) => void) | undefined;
}

interface Load {
  threadId: string;
  connection: WorkerConnection;
  abort: AbortController;
  result: Promise<BuiltTree>;
  partials: Partials;
  /** Started by the preload, and nobody has taken it over yet. */
  untaken: boolean;
  /** The live patches were applied in the worker (a preload has none). */
  patched: boolean;
  settledAt: number | undefined;
}

/** A load of the tree: its result, its partial trees (if asked for), and a way to stop it. */
export interface StepTreeLoad {
  result: Promise<BuiltTree>;
  /** Whether the patches given to openStepTreeLoad are in the result (not when a preload was taken). */
  patched: boolean;
  /** Receives the latest partial tree so far (if any) at once, then each new one. */
  subscribe: (onPartial: (p: PartialTree) => void) => void;
  abort: () => void;
}

let latest: Load | undefined;

export function sameConnection(a: WorkerConnection, b: WorkerConnection): boolean {
  return (
    a.baseUrl === b.baseUrl &&
    a.protocol === b.protocol &&
    a.auth.token === b.auth.token &&
    a.auth.orgId === b.auth.orgId &&
    a.auth.orgName === b.auth.orgName
  );
}

function current(threadId: string, connection: WorkerConnection): Load | undefined {
  const l = latest;
  if (l === undefined || l.threadId !== threadId || !sameConnection(l.connection, connection)) return undefined;
  if (l.settledAt !== undefined && performance.now() - l.settledAt > FRESH_MS) return undefined;
  return l;
}

function start(
  threadId: string,
  connection: WorkerConnection,
  patches: StepPatch[],
  untaken: boolean,
  withPartials: boolean,
  gate: CallGate | undefined,
): Load {
  if (latest?.untaken === true) latest.abort.abort();
  const abort = new AbortController();
  const partials: Partials = { latest: undefined, listener: undefined };
  const onPartial = (partial: PartialTree) => {
    partials.latest = partial;
    partials.listener?.(partial);
  };
  const read = () => loadTreeInWorker(threadId, connection, patches, abort.signal, withPartials ? onPartial : undefined);
  const result = gate === undefined ? read() : gatedRead(gate, abort.signal, read);
  const load: Load = { threadId, connection, abort, result, partials, untaken, patched: !untaken, settledAt: undefined };
  const settle = () => {
    load.settledAt = performance.now();
  };
  result.then(settle, settle);
  latest = load;
  return load;
}

/** Whether the tree of this thread took a load over: it reads the thread itself from then on. */
function takenByTree(threadId: string, connection: WorkerConnection): boolean {
  return latest !== undefined && !latest.untaken && latest.threadId === threadId && sameConnection(latest.connection, connection);
}

/** Starts loading the thread's tree unless a load of it is under way (or just finished), or the
 *  tree of this thread already loads it itself. */
export function preloadStepTree(threadId: string, connection: WorkerConnection, gate?: CallGate): void {
  if (!workersAvailable() || threadId === "") return;
  if (current(threadId, connection) !== undefined || takenByTree(threadId, connection)) return;
  start(threadId, connection, [], true, true, gate);
}

/** The page of this thread went away: a preload nobody took is stopped, and the next visit
 *  preloads again. */
export function releasePreloadedStepTree(threadId: string): void {
  if (latest?.threadId !== threadId) return;
  if (latest.untaken) latest.abort.abort();
  latest = undefined;
}

/**
 * Takes over the preload of this thread if there is one, or starts a load in the worker.
 * withPartials: the worker posts partial trees while a big meta arrives (a first load).
 */
export function openStepTreeLoad(
  threadId: string,
  connection: WorkerConnection,
  patches: StepPatch[],
  withPartials: boolean,
  gate?: CallGate,
): StepTreeLoad {
  const pre = current(threadId, connection);
  const load = pre?.untaken === true ? pre : start(threadId, connection, patches, false, withPartials, gate);
  load.untaken = false;
  return {
    result: load.result,
    patched: load.patched,
    subscribe: (onPartial) => {
      load.partials.listener = onPartial;
      if (load.partials.latest !== undefined) onPartial(load.partials.latest);
    },
    abort: () => load.abort.abort(),
  };
}
