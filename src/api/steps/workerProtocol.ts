// Messages between the page and the step-tree worker. Trees travel as typed arrays (transferred,
// not copied) and a few long strings. A load answers with any number of "partial" trees (the
// steps received so far, while a big meta is still arriving) and then one "done" or "error".
import type { AuthHeaders } from "../interceptors";
import type { Protocol } from "../transport";
import { columnBuffers, type StepColumns } from "./stepColumns";
import type { StepPatch } from "./liveStepPatches";
import type { StepTree } from "./stepTree";

export interface WorkerConnection {
  baseUrl: string;
  protocol: Protocol;
  auth: AuthHeaders;
}

export type WorkerRequest =
  | {
      id: number;
      kind: "load";
      threadId: string;
      connection: WorkerConnection;
      patches: StepPatch[];
      /** Post partial trees while the meta arrives (a first load; not a refresh of a shown tree). */
      partials: boolean;
    }
  | { id: number; kind: "build"; cols: StepColumns; sortedPrefix: Int32Array | undefined }
  /** Stops a load (its stream is cancelled); the load answers with an error, which nobody reads. */
  | { id: number; kind: "cancel" };

export type WorkerResponse =
  | { id: number; kind: "partial"; tree: StepTree; decodedBytes: number; totalBytes: number }
  | { id: number; kind: "done"; tree: StepTree; totalSteps: number; elapsedMs: number }
  /** network: the request never got an answer (fetch rejected), which the call gate counts. */
  | { id: number; kind: "error"; code: number | undefined; message: string; network: boolean };

export function treeBuffers(tree: StepTree): ArrayBuffer[] {
  return [
    ...columnBuffers(tree.cols),
    tree.src.buffer,
    tree.rowOf.buffer,
    tree.parent.buffer,
    tree.depth.buffer,
    tree.subtreeEnd.buffer,
    tree.flags.buffer,
    tree.leafFailures.buffer,
    tree.posInSet.buffer,
    tree.setSize.buffer,
  ] as ArrayBuffer[];
}

/** Distinct buffers only: postMessage rejects a transfer list that names one twice. */
export function uniqueBuffers(buffers: ArrayBuffer[]): ArrayBuffer[] {
  return [...new Set(buffers)].filter((b) => b.byteLength > 0);
}
