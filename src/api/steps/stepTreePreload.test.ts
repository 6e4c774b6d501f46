import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { treeOf } from "./testTree";
import type { WorkerConnection, WorkerRequest, WorkerResponse } from "./workerProtocol";

/** Stands in for the step-tree worker: records requests, answers when told. */
class FakeWorker {
  static instances: FakeWorker[] = [];
  posted: WorkerRequest[] = [];
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.instances.push(this);
  }
  postMessage(message: WorkerRequest): void {
    this.posted.push(message);
  }
  reply(res: WorkerResponse): void {
    this.onmessage?.({ data: res } as MessageEvent<WorkerResponse>);
  }
}

const conn: WorkerConnection = { baseUrl: "http://console.test", protocol: "connect", auth: { token: "", orgId: "", orgName: "" } };
const patch = { path: "1", kind: "completed" as const, atMs: 5 };

async function freshModules() {
  vi.resetModules();
  const preload = await import("./stepTreePreload");
  return preload;
}

const worker = () => FakeWorker.instances[FakeWorker.instances.length - 1] as FakeWorker;
const kinds = () => worker().posted.map((m) => m.kind);

beforeEach(() => {
  FakeWorker.instances = [];
  vi.stubGlobal("Worker", FakeWorker);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("step tree preload", () => {
  it("is taken over by the tree: one load, its partial tree and then its result", async () => {
    const { preloadStepTree, openStepTreeLoad } = await freshModules();
    preloadStepTree("thr_a", conn);
    expect(worker().posted).toMatchObject([{ kind: "load", threadId: "thr_a", patches: [], partials: true }]);
    const partial = treeOf("1:ok");
    worker().reply({ id: worker().posted[0]?.id ?? 0, kind: "partial", tree: partial, decodedBytes: 10, totalBytes: 100 });

    const load = openStepTreeLoad("thr_a", { ...conn, auth: { ...conn.auth } }, [patch], true);
    expect(kinds()).toEqual(["load"]);
    expect(load.patched).toBe(false);
    const seen: unknown[] = [];
    load.subscribe((p) => seen.push(p.tree));
    expect(seen).toEqual([partial]);
    const whole = treeOf("1:ok", "2:ok");
    worker().reply({ id: worker().posted[0]?.id ?? 0, kind: "done", tree: whole, totalSteps: 2, elapsedMs: 1 });
    await expect(load.result).resolves.toMatchObject({ tree: whole, totalSteps: 2 });
  });

  it("starts nothing when the tree is already loading the same thread", async () => {
    const { preloadStepTree, openStepTreeLoad } = await freshModules();
    const load = openStepTreeLoad("thr_a", conn, [patch], false);
    expect(load.patched).toBe(true);
    preloadStepTree("thr_a", conn);
    expect(worker().posted).toMatchObject([{ kind: "load", patches: [patch], partials: false }]);
  });

  it("stops a preload nobody took when the page goes away, not one the tree took", async () => {
    const { preloadStepTree, openStepTreeLoad, releasePreloadedStepTree } = await freshModules();
    preloadStepTree("thr_a", conn);
    releasePreloadedStepTree("thr_a");
    expect(kinds()).toEqual(["load", "cancel"]);
    preloadStepTree("thr_a", conn);
    const load = openStepTreeLoad("thr_a", conn, [], true);
    releasePreloadedStepTree("thr_a");
    expect(kinds()).toEqual(["load", "cancel", "load"]);
    load.abort();
    expect(kinds()).toEqual(["load", "cancel", "load", "cancel"]);
    await expect(load.result).rejects.toThrow("aborted");
  });

  it("is not used for another thread or another identity, and is stopped by their load", async () => {
    const { preloadStepTree, openStepTreeLoad } = await freshModules();
    preloadStepTree("thr_a", conn);
    openStepTreeLoad("thr_b", conn, [], true);
    expect(kinds()).toEqual(["load", "cancel", "load"]);
    preloadStepTree("thr_b", { ...conn, auth: { ...conn.auth, token: "other" } });
    openStepTreeLoad("thr_b", conn, [], true);
    expect(worker().posted.filter((m) => m.kind === "load")).toHaveLength(4);
  });
});
