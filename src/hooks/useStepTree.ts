// The step tree of one thread: loaded from StreamStepResult's meta (in a worker wherever workers
// exist, so a million summaries never block the page; the thread's size is not known before
// GetThread answers, so the worker is not kept for big threads only; the thread page starts the
// load before the tree's code is even loaded: usePreloadStepTree), then kept current from the
// WatchThread step events of the shared live view, applied in batches. Big running threads are also re-read now
// and then (the service sends per-step events only for the first 10,000 steps), and every
// thread once more when it ends. Every read goes through the call gate (storm guard): sent only
// while the gate is open, never as its probe; a read that failed (or was held) while the service
// is down is made once more when the gate reopens, not on a timer.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useOptionalCallGate } from "../api/callGateContext";
import type { WatchThreadResponse } from "../api/gen/dodil/scriptum/v1/scriptum_pb";
import { useScriptumClient } from "../api/client";
import { applyStepPatches, finishPlan, patchesSince, planStepPatches } from "../api/steps/liveStepPatches";
import { appendColumns, columnsFromRecords } from "../api/steps/stepColumns";
import { buildStepTree, EMPTY_TREE, type StepTree } from "../api/steps/stepTree";
import { isHeldByGate } from "../api/errors";
import { heldUnlessOpen } from "../api/gatedTransport";
import { loadStepColumns } from "../api/steps/stepStream";
import { openStepTreeLoad, preloadStepTree, releasePreloadedStepTree } from "../api/steps/stepTreePreload";
import { buildTreeInWorker, prewarmStepTreeWorker, workersAvailable } from "../api/steps/stepTreeWorkerClient";
import { useStepWorkerConnection } from "./useStepWorkerConnection";

// The worker is started as soon as this code loads (with the thread page), not when the first
// load asks for it: its script is fetched and evaluated while the page renders and GetThread runs.
prewarmStepTreeWorker();

/** Above this many steps, a live update that changes the tree's structure is built in the worker. */
export const PAGE_BUILD_MAX = 50_000;
/** Running threads with more steps than this are re-read every REFRESH_MS. */
export const SPARSE_EVENTS_THRESHOLD = 10_000;
export const REFRESH_MS = 10_000;

export type StepTreeStatus = "loading" | "ready" | "error";

export interface StepTreeState {
  tree: StepTree;
  status: StepTreeStatus;
  error: unknown;
  totalSteps: number;
  /** How long the last load took, ms (reading + decoding + building). */
  loadMs: number;
  /** Where the last build ran. */
  builtIn: "page" | "worker";
  reload: () => void;
}

export interface UseStepTreeOptions {
  liveEvents: readonly WatchThreadResponse[];
  running: boolean;
  /** Total steps as the thread says (GetThread / events): big running threads are re-read. */
  totalStepsHint: number;
}

export function useStepTree(threadId: string, options: UseStepTreeOptions): StepTreeState {
  const client = useScriptumClient();
  const connection = useStepWorkerConnection();
  const gate = useOptionalCallGate();
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<Omit<StepTreeState, "reload">>({
    tree: EMPTY_TREE,
    status: "loading",
    error: undefined,
    totalSteps: 0,
    loadMs: 0,
    builtIn: "page",
  });
  const appliedSeq = useRef(0n);
  const treeRef = useRef<StepTree>(EMPTY_TREE);
  const eventsRef = useRef(options.liveEvents);
  const connectionRef = useRef(connection);
  const gateRef = useRef(gate);
  useLayoutEffect(() => {
    eventsRef.current = options.liveEvents;
    connectionRef.current = connection;
    gateRef.current = gate;
  });

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const lastLoadFailed = useRef(false);

  // Load (and reload) the snapshot, then apply every event on top of it (in the worker, with
  // the build, when there is one). A first load takes over the thread page's preload and shows
  // the partial trees of a big meta while it arrives; a reload keeps the shown tree until done.
  useEffect(() => {
    const abort = new AbortController();
    const t0 = performance.now();
    const { patches, lastSequence } = patchesSince(eventsRef.current, 0n);
    const firstLoad = treeRef.current.count === 0;
    type Loaded = { tree: StepTree; totalSteps: number; builtIn: "page" | "worker"; applied: bigint };
    const load = async (): Promise<Loaded> => {
      if (workersAvailable()) {
        const l = openStepTreeLoad(threadId, connectionRef.current, patches, firstLoad, gateRef.current);
        abort.signal.addEventListener("abort", l.abort, { once: true });
        if (firstLoad) {
          l.subscribe(({ tree }) => {
            if (abort.signal.aborted || treeRef.current.count > 0) return;
            setState((s) => ({ ...s, tree, builtIn: "worker" }));
          });
        }
        const r = await l.result;
        // A preload had no events: the batched flush below applies them all.
        return { tree: r.tree, totalSteps: r.totalSteps, builtIn: "worker", applied: l.patched ? lastSequence : 0n };
      }
      // The client is gated already: only the "not while closed" rule is added here.
      const held = gateRef.current === undefined ? undefined : heldUnlessOpen(gateRef.current);
      if (held !== undefined) throw held;
      const { cols, totalSteps } = await loadStepColumns(client, threadId, abort.signal);
      return { tree: applyStepPatches(buildStepTree(cols), patches), totalSteps, builtIn: "page", applied: lastSequence };
    };
    load().then(
      ({ tree, totalSteps, builtIn, applied }) => {
        if (abort.signal.aborted) return;
        lastLoadFailed.current = false;
        appliedSeq.current = applied;
        treeRef.current = tree;
        setState({ tree, status: "ready", error: undefined, totalSteps, loadMs: performance.now() - t0, builtIn });
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        lastLoadFailed.current = true;
        setState((s) => ({ ...s, status: treeRef.current.count > 0 ? "ready" : "error", error }));
        // Held, and the gate reopened before this answer came: read now.
        if (isHeldByGate(error) && gateRef.current?.getSnapshot().kind === "ok") reload();
      },
    );
    return () => abort.abort();
  }, [client, threadId, nonce, reload]);

  // Apply new events in batches: at most one flush per window (bigger trees, longer windows).
  // A flush that must rebuild a big tree's structure does it in the worker.
  const ready = state.status === "ready";
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const building = useRef(false);
  const [flushes, setFlushes] = useState(0);
  useEffect(() => {
    if (!ready || flushTimer.current !== undefined || building.current) return;
    const last = eventsRef.current[eventsRef.current.length - 1];
    if (last === undefined || last.sequence <= appliedSeq.current) return;
    const delay = 150 + Math.min(850, treeRef.current.count / 1000);
    flushTimer.current = setTimeout(() => {
      flushTimer.current = undefined;
      const base = treeRef.current;
      const { patches, lastSequence } = patchesSince(eventsRef.current, appliedSeq.current);
      appliedSeq.current = lastSequence;
      if (patches.length === 0) return;
      const plan = planStepPatches(base, patches);
      const commit = (next: StepTree) => {
        if (next === treeRef.current) return;
        treeRef.current = next;
        setState((s) => ({ ...s, tree: next }));
      };
      if (plan.appended.length === 0 || base.count < PAGE_BUILD_MAX || !workersAvailable()) {
        commit(finishPlan(base, plan));
        return;
      }
      building.current = true;
      buildTreeInWorker(appendColumns(plan.cols, columnsFromRecords(plan.appended)), base.src).then(
        (r) => {
          building.current = false;
          // A reload replaced the tree meanwhile: it already has these events.
          if (treeRef.current === base) commit(r.tree);
          setFlushes((n) => n + 1);
        },
        () => {
          building.current = false;
          if (treeRef.current === base) commit(finishPlan(base, plan));
          setFlushes((n) => n + 1);
        },
      );
    }, delay);
  }, [options.liveEvents, ready, flushes]);
  useEffect(() => () => clearTimeout(flushTimer.current), []);

  // A read that failed (held by the gate, or the service did not answer) is made once more when
  // the gate is open again: at once if it already is (a read that failed with the gate open
  // is not retried: the service answered it, or it was the one stream that broke).
  useEffect(() => {
    if (gate === undefined) return;
    let wasOpen = gate.getSnapshot().kind === "ok";
    return gate.subscribe(() => {
      const open = gate.getSnapshot().kind === "ok";
      if (open && !wasOpen && lastLoadFailed.current) reload();
      wasOpen = open;
    });
  }, [gate, reload]);

  // Big running threads: re-read now and then; every thread: once more when it ends.
  const wasRunning = useRef(options.running);
  useEffect(() => {
    if (wasRunning.current && !options.running) reload();
    wasRunning.current = options.running;
  }, [options.running, reload]);
  // The periodic re-read is held by the gate while the service is down (no request is sent).
  const sparse = options.running && options.totalStepsHint > SPARSE_EVENTS_THRESHOLD;
  useEffect(() => {
    if (!sparse) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [sparse, reload]);

  return { ...state, reload };
}

/**
 * Starts loading the thread's step tree as soon as the thread page opens (before the tree's code
 * has loaded); useStepTree takes the load over. A load nobody took is stopped with the page.
 */
export function usePreloadStepTree(threadId: string): void {
  const connection = useStepWorkerConnection();
  const gate = useOptionalCallGate();
  // Asked for during render, like a resource preload, so the load never waits for the page's
  // first commit. In the app the thread route's loader has usually started it already (AppRoutes);
  // this covers a page rendered without the router's loaders (tests, other routers).
  // Idempotent: a load of this thread under way (or just done) is not started again.
  preloadStepTree(threadId, connection, gate);
  useEffect(() => {
    preloadStepTree(threadId, connection, gate);
    return () => releasePreloadedStepTree(threadId);
  }, [threadId, connection, gate]);
}
