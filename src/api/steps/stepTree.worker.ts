// The step-tree worker: reads StreamStepResult's meta (which lists every step, a million of them
// for the biggest threads), decodes each summary as its bytes arrive (stepMetaTap.ts) and builds
// the tree, all off the page's thread. While a big meta is still arriving, it posts the tree of
// the steps received so far (partialTrees.ts). User Timing marks ("step tree: …") show the phases
// in a performance trace.
/// <reference lib="webworker" />
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";
import { assertNever } from "../../assertNever";
import { isNetworkFailure } from "../callGateOutcome";
import { ScriptumService } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { createAuthInterceptor } from "../interceptors";
import { applyStepPatches } from "./liveStepPatches";
import { MetaDecodePump } from "./metaDecodePump";
import { partialDue } from "./partialTrees";
import { buildStepTree } from "./stepTree";
import { fetchThroughTap, StepMetaTap } from "./stepMetaTap";
import { loadStepColumns } from "./stepStream";
import { treeBuffers, uniqueBuffers, type WorkerConnection, type WorkerRequest, type WorkerResponse } from "./workerProtocol";

declare const self: DedicatedWorkerGlobalScope;

// The client is made here rather than with ../client (which holds the page's React context).
function clientFor(c: WorkerConnection, fetch: typeof globalThis.fetch) {
  const interceptors = [createAuthInterceptor(() => c.auth)];
  switch (c.protocol) {
    case "connect":
      return createClient(ScriptumService, createConnectTransport({ baseUrl: c.baseUrl, interceptors, useBinaryFormat: true, fetch }));
    case "grpc-web":
      return createClient(ScriptumService, createGrpcWebTransport({ baseUrl: c.baseUrl, interceptors, useBinaryFormat: true, fetch }));
    default:
      return assertNever(c.protocol, "protocol");
  }
}

const loads = new Map<number, AbortController>();

function post(res: WorkerResponse): void {
  self.postMessage(res, res.kind === "error" ? [] : uniqueBuffers(treeBuffers(res.tree)));
}

async function load(req: Extract<WorkerRequest, { kind: "load" }>, signal: AbortSignal): Promise<WorkerResponse> {
  const t0 = performance.now();
  performance.mark("step tree: load requested");
  let lastPartialAt: number | undefined;
  const tap = new StepMetaTap(() => {
    const now = performance.now();
    const progress = { decodedSteps: tap.steps.count, decodedBytes: tap.decodedBytes, totalBytes: tap.expected };
    if (!req.partials || !partialDue(progress, now, lastPartialAt)) return;
    lastPartialAt = now;
    const tree = buildStepTree(tap.steps.columns());
    post({ id: req.id, kind: "partial", tree, decodedBytes: tap.decodedBytes, totalBytes: tap.expected });
    performance.mark(`step tree: partial tree of ${tree.count} steps posted`);
  });
  const pump = new MetaDecodePump(tap);
  let firstData = true;
  const onData = () => {
    if (firstData) {
      firstData = false;
      performance.mark("step tree: first meta bytes");
    }
    pump.kick();
  };
  const client = clientFor(req.connection, fetchThroughTap(tap, onData));
  const { cols, totalSteps } = await loadStepColumns(client, req.threadId, signal, tap).finally(() => pump.stop());
  performance.mark("step tree: meta decoded");
  const tree = applyStepPatches(buildStepTree(cols), req.patches);
  performance.mark("step tree: tree built");
  return { id: req.id, kind: "done", tree, totalSteps, elapsedMs: performance.now() - t0 };
}

async function handle(req: WorkerRequest): Promise<WorkerResponse | undefined> {
  const t0 = performance.now();
  switch (req.kind) {
    case "load": {
      const abort = new AbortController();
      loads.set(req.id, abort);
      try {
        return await load(req, abort.signal);
      } finally {
        loads.delete(req.id);
      }
    }
    case "build": {
      const tree = buildStepTree(req.cols, req.sortedPrefix);
      return { id: req.id, kind: "done", tree, totalSteps: tree.count, elapsedMs: performance.now() - t0 };
    }
    case "cancel":
      loads.get(req.id)?.abort();
      return undefined;
    default:
      return assertNever(req, "worker request");
  }
}

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  handle(req).then(
    (res) => {
      if (res !== undefined) post(res);
    },
    (err: unknown) => {
      const error = ConnectError.from(err, Code.Unknown);
      post({ id: req.id, kind: "error", code: error.code, message: error.rawMessage, network: isNetworkFailure(error.cause) });
    },
  );
};
