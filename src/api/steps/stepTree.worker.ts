// The step-tree worker: reads StreamStepResult's meta (which lists every step, a million of them
// for the biggest threads), decodes it and builds the tree, all off the page's thread.
/// <reference lib="webworker" />
import { ConnectError } from "@connectrpc/connect";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";
import { assertNever } from "../../assertNever";
import { createScriptumClient } from "../client";
import { createAuthInterceptor } from "../interceptors";
import { applyStepPatches } from "./liveStepPatches";
import { buildStepTree } from "./stepTree";
import { loadStepColumns } from "./stepStream";
import { treeBuffers, uniqueBuffers, type WorkerConnection, type WorkerRequest, type WorkerResponse } from "./workerProtocol";

declare const self: DedicatedWorkerGlobalScope;

function clientFor(c: WorkerConnection) {
  const interceptors = [createAuthInterceptor(() => c.auth)];
  switch (c.protocol) {
    case "connect":
      return createScriptumClient(createConnectTransport({ baseUrl: c.baseUrl, interceptors, useBinaryFormat: true }));
    case "grpc-web":
      return createScriptumClient(createGrpcWebTransport({ baseUrl: c.baseUrl, interceptors, useBinaryFormat: true }));
    default:
      return assertNever(c.protocol, "protocol");
  }
}

async function handle(req: WorkerRequest): Promise<WorkerResponse> {
  const t0 = performance.now();
  switch (req.kind) {
    case "load": {
      const { cols, totalSteps } = await loadStepColumns(clientFor(req.connection), req.threadId);
      const tree = applyStepPatches(buildStepTree(cols), req.patches);
      return { id: req.id, ok: true, tree, totalSteps, elapsedMs: performance.now() - t0 };
    }
    case "build": {
      const tree = buildStepTree(req.cols, req.sortedPrefix);
      return { id: req.id, ok: true, tree, totalSteps: tree.count, elapsedMs: performance.now() - t0 };
    }
    default:
      return assertNever(req, "worker request");
  }
}

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  handle(req).then(
    (res) => self.postMessage(res, res.ok ? uniqueBuffers(treeBuffers(res.tree)) : []),
    (err: unknown) => {
      const res: WorkerResponse = {
        id: req.id,
        ok: false,
        code: err instanceof ConnectError ? err.code : undefined,
        message: err instanceof ConnectError ? err.rawMessage : err instanceof Error ? err.message : String(err),
      };
      self.postMessage(res);
    },
  );
};
