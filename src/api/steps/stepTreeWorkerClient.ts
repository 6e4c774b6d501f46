// The page's side of the step-tree worker: one worker, requests matched to answers by id. Where
// workers do not exist (tests in jsdom), callers build on the page instead.
import { Code, ConnectError } from "@connectrpc/connect";
import { assertNever } from "../../assertNever";
import type { StepPatch } from "./liveStepPatches";
import type { StepColumns } from "./stepColumns";
import type { StepTree } from "./stepTree";
import type { WorkerConnection, WorkerRequest, WorkerResponse } from "./workerProtocol";

export interface BuiltTree {
  tree: StepTree;
  totalSteps: number;
  elapsedMs: number;
}

export interface PartialTree {
  tree: StepTree;
  decodedBytes: number;
  totalBytes: number;
}

interface Pending {
  resolve: (v: BuiltTree) => void;
  reject: (e: unknown) => void;
  onPartial?: (p: PartialTree) => void;
}

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
    switch (res.kind) {
      case "partial":
        p.onPartial?.({ tree: res.tree, decodedBytes: res.decodedBytes, totalBytes: res.totalBytes });
        return;
      case "done":
        pending.delete(res.id);
        p.resolve({ tree: res.tree, totalSteps: res.totalSteps, elapsedMs: res.elapsedMs });
        return;
      case "error":
        pending.delete(res.id);
        // A network failure keeps its TypeError cause, so the call gate counts it (callGateOutcome).
        p.reject(
          new ConnectError(
            res.message,
            (res.code as Code | undefined) ?? Code.Unknown,
            undefined,
            undefined,
            res.network ? new TypeError(res.message) : undefined,
          ),
        );
        return;
      default:
        assertNever(res, "worker response");
    }
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
 * called when the thread page's code loads, so it is ready by the time the page asks for steps.
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

function request(
  req: WithoutId<Exclude<WorkerRequest, { kind: "cancel" }>>,
  transfer: ArrayBuffer[],
  signal?: AbortSignal,
  onPartial?: (p: PartialTree) => void,
): Promise<BuiltTree> {
  const id = nextId++;
  return new Promise<BuiltTree>((resolve, reject) => {
    pending.set(id, onPartial === undefined ? { resolve, reject } : { resolve, reject, onPartial });
    signal?.addEventListener(
      "abort",
      () => {
        if (!pending.delete(id)) return;
        reject(new DOMException("aborted", "AbortError"));
        if (req.kind === "load") worker?.postMessage({ id, kind: "cancel" } satisfies WorkerRequest);
      },
      { once: true },
    );
    getWorker().postMessage({ ...req, id } as WorkerRequest, transfer);
  });
}

/**
 * Loads every step summary of a thread, builds the tree and applies the patches, in the worker.
 * With onPartial, trees of the steps received so far come first while a big meta arrives.
 */
export function loadTreeInWorker(
  threadId: string,
  connection: WorkerConnection,
  patches: StepPatch[],
  signal?: AbortSignal,
  onPartial?: (p: PartialTree) => void,
): Promise<BuiltTree> {
  return request({ kind: "load", threadId, connection, patches, partials: onPartial !== undefined }, [], signal, onPartial);
}

/** Builds a tree from columns in the worker. The columns are copied, not transferred. */
export function buildTreeInWorker(cols: StepColumns, sortedPrefix: Int32Array | undefined, signal?: AbortSignal): Promise<BuiltTree> {
  return request({ kind: "build", cols, sortedPrefix }, [], signal);
}
