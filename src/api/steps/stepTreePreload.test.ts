import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { createCallGate, type CallGate } from "../callGate";
import { isHeldByGate } from "../errors";
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

/** A gate closed by two unary calls that found no service. */
function closedGate(): CallGate {
  const gate = createCallGate({ random: () => 0.5 });
  for (let i = 0; i < 2; i++) {
    const admission = gate.admit("unary");
    if (admission.kind === "send") gate.settle(admission.ticket, { kind: "unreachable", error: new ConnectError("down", Code.Unavailable) });
  }
  return gate;
}

const allPosted = () => FakeWorker.instances.flatMap((w) => w.posted);
const loadIds = () => allPosted().filter((m) => m.kind === "load").map((m) => m.id);

describe("step tree preload: once per page, and under the call gate", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("starts nothing more once the tree took a load of the thread, however often the page renders", async () => {
    const { preloadStepTree, openStepTreeLoad, FRESH_MS } = await freshModules();
    preloadStepTree("thr_a", conn);
    const load = openStepTreeLoad("thr_a", conn, [], true);
    worker().reply({ id: loadIds()[0] ?? 0, kind: "done", tree: treeOf("1:ok"), totalSteps: 1, elapsedMs: 1 });
    await load.result;
    // The live page renders at every change of its view: long after the load was fresh.
    for (let i = 0; i < 30; i++) {
      vi.advanceTimersByTime(FRESH_MS);
      preloadStepTree("thr_a", conn);
    }
    expect(loadIds()).toHaveLength(1);
  });

  it("preloads again on the next visit of the page", async () => {
    const { preloadStepTree, openStepTreeLoad, releasePreloadedStepTree } = await freshModules();
    preloadStepTree("thr_a", conn);
    openStepTreeLoad("thr_a", conn, [], true);
    releasePreloadedStepTree("thr_a");
    preloadStepTree("thr_a", conn);
    expect(loadIds()).toHaveLength(2);
  });

  it("sends nothing while the gate is closed: the load fails at once, held", async () => {
    const { preloadStepTree, openStepTreeLoad } = await freshModules();
    const gate = closedGate();
    preloadStepTree("thr_a", conn, gate);
    const load = openStepTreeLoad("thr_a", conn, [], true, gate);
    const error: unknown = await load.result.catch((e: unknown) => e);
    expect(isHeldByGate(error)).toBe(true);
    expect(error).toMatchObject({ code: Code.Unavailable });
    expect(allPosted()).toEqual([]);
    // Past the gate's retryAt the tree is still no probe.
    vi.advanceTimersByTime(60_000);
    const again = openStepTreeLoad("thr_a", conn, [], false, gate);
    expect(isHeldByGate(await again.result.catch((e: unknown) => e))).toBe(true);
    expect(allPosted()).toEqual([]);
    expect(gate.getSnapshot()).toMatchObject({ kind: "unreachable", failures: 1, probeSince: undefined });
  });

  it("a load that succeeds after the gate closed does not reopen it; a network failure counts", async () => {
    const { openStepTreeLoad } = await freshModules();
    const gate = createCallGate({ random: () => 0.5 });
    const load = openStepTreeLoad("thr_a", conn, [], false, gate);
    for (let i = 0; i < 2; i++) {
      const admission = gate.admit("unary");
      if (admission.kind === "send") gate.settle(admission.ticket, { kind: "unreachable", error: new ConnectError("down", Code.Unavailable) });
    }
    const closed = gate.getSnapshot();
    worker().reply({ id: loadIds()[0] ?? 0, kind: "done", tree: treeOf("1:ok"), totalSteps: 1, elapsedMs: 1 });
    await load.result;
    expect(gate.getSnapshot()).toBe(closed);

    const open = createCallGate({ random: () => 0.5 });
    for (let i = 0; i < 2; i++) {
      const l = openStepTreeLoad("thr_a", conn, [], false, open);
      const id = loadIds()[loadIds().length - 1] ?? 0;
      worker().reply({ id, kind: "error", code: Code.Unknown, message: "Failed to fetch", network: true });
      await l.result.catch(() => undefined);
    }
    expect(open.getSnapshot().kind).toBe("unreachable");
  });
});
