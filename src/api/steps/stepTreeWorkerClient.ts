// The page's side of the step-tree worker: one worker, requests matched to answers by id. Where
// workers do not exist (tests in jsdom), callers build on the page instead.
import { Code, ConnectError } from "@connectrpc/connect";
import type { StepPatch } from "./liveStepPatches";
import type { StepColumns } from "./stepColumns";
import type { StepTree } from "./stepTree";
import type { WorkerConnection, WorkerRequest, WorkerResponse } from "./workerProtocol";

export interface BuiltTree {
  tree: StepTree;
  totalSteps: number;
  elapsedMs: number;
}

type Pending = { resolve: (v: BuiltTree) => void; reject: (e: unknown) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

export function workersAvailable(): boolean {
  return typeof Worker !== "undefined";
}

function getWorker(): Worker {
  if (worker !== null) return worker;
  const w = new Worker(new URL("./stepTree.worker.ts", import.meta.url), { type: "module" });
  w.onmessage = (e: MessageEvent<WorkerResponse>) => {
    const res = e.data;
    const p = pending.get(res.id);
    if (p === undefined) return;
    pending.delete(res.id);
    if (res.ok) p.resolve({ tree: res.tree, totalSteps: res.totalSteps, elapsedMs: res.elapsedMs });
    else p.reject(new ConnectError(res.message, (res.code as Code | undefined) ?? Code.Unknown));
  };
  w.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(`step tree worker failed: ${e.message}`));
    pending.clear();
    worker = null;
  };
  worker = w;
  return w;
}

/**
 * Starts the worker (and so the fetch and evaluation of its script) ahead of the first request:
 * called when the step-tree code loads, so it is ready by the time the thread page asks for steps.
 */
export function prewarmStepTreeWorker(): void {
  if (!workersAvailable()) return;
  try {
    getWorker();
  } catch {
    // A worker that cannot start now is retried (and its error reported) on the first request.
  }
}

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

function request(req: WithoutId<WorkerRequest>, transfer: ArrayBuffer[], signal?: AbortSignal): Promise<BuiltTree> {
  const id = nextId++;
  return new Promise<BuiltTree>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    signal?.addEventListener(
      "abort",
      () => {
        if (pending.delete(id)) reject(new DOMException("aborted", "AbortError"));
      },
      { once: true },
    );
    getWorker().postMessage({ ...req, id } as WorkerRequest, transfer);
  });
}

/** Loads every step summary of a thread, builds the tree and applies the patches, in the worker. */
export function loadTreeInWorker(
  threadId: string,
  connection: WorkerConnection,
  patches: StepPatch[],
  signal?: AbortSignal,
): Promise<BuiltTree> {
  return request({ kind: "load", threadId, connection, patches }, [], signal);
}

/** Builds a tree from columns in the worker. The columns are copied, not transferred. */
export function buildTreeInWorker(cols: StepColumns, sortedPrefix: Int32Array | undefined, signal?: AbortSignal): Promise<BuiltTree> {
  return request({ kind: "build", cols, sortedPrefix }, [], signal);
}
