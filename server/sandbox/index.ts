// The embedded sandbox Scriptum: a durable store, a live runtime and the ScriptumService
// implementation. server/main.ts serves `service` over Connect, gRPC-Web and gRPC.
import type { ServiceImpl } from "@connectrpc/connect";
import type { ScriptumService, WatchThreadResponse } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { chunksOf } from "./bigJson.js";
import { artifactsOf } from "./results.js";
import { Runtime } from "./runtime.js";
import { isLiveSeedStatus, seedRows } from "./seed.js";
import { createService } from "./service.js";
import { Store } from "./store.js";
import { toWatchResponse } from "./toProto.js";
import { forwardsEvent } from "./watch.js";

export interface SandboxOptions {
  /** null = in memory (--memory); default used by the CLI: ".scriptum-sandbox". */
  dataDir: string | null;
  /** Step durations are divided by this (tests use 20-100). */
  speed: number;
  fidelity: "today" | "complete";
  /** Seeded only when the store is empty; default 300; up to 1,000,000. */
  seedThreads?: number;
  /** HealthCheck version, e.g. "sandbox-0.1.0". */
  version: string;
}

export interface Sandbox {
  service: ServiceImpl<typeof ScriptumService>;
  /** The event log as WatchThread delivers it in the current fidelity (today: without ThreadPaused). undefined = unknown thread. */
  eventLog(threadId: string): WatchThreadResponse[] | undefined;
  /** For ListArtifacts in complete fidelity: bytes of an artifact (served at /__sandbox/artifacts/:threadId/:name). */
  readArtifact(threadId: string, name: string): AsyncIterable<Uint8Array> | undefined;
  /** Stops every execution, closes the DB. */
  close(): Promise<void>;
  /** Threads in the store (seeded ones included). */
  threadCount?(): number;
  /** Open live subscriptions of WatchThread/WatchStep streams (to check that none leak). */
  watcherCount?(): number;
}

export const DEFAULT_SEED_THREADS = 300;
const ARTIFACT_CHUNK_BYTES = 1024 * 1024;
/** Seeded rows presented ahead of the first ListThreads (two pages of 200), 10 per event-loop turn. */
const WARM_ROWS = 400;

export async function createSandbox(options: SandboxOptions): Promise<Sandbox> {
  if (!(options.speed > 0)) throw new Error(`speed must be more than 0 (got ${options.speed})`);
  const store = new Store(options.dataDir);
  const runtime = new Runtime(store, options.speed);
  if (store.countThreads() === 0 && store.getMeta("seeded") === undefined) {
    const count = Math.max(0, Math.min(1_000_000, Math.floor(options.seedThreads ?? DEFAULT_SEED_THREADS)));
    const live: string[] = [];
    store.insertSeeds(
      (function* () {
        for (const row of seedRows(count, Date.now())) {
          if (isLiveSeedStatus(row.status)) live.push(row.threadId);
          yield row;
        }
      })(),
    );
    for (const id of live) runtime.materialize(id);
    store.setMeta("seeded", String(count));
  }
  runtime.start();
  // The newest seeded rows (the history's first pages) are synthesized in idle time.
  runtime.warm(store.listThreads({ limit: WARM_ROWS }));
  const service = createService({ store, runtime, fidelity: options.fidelity, version: options.version });
  let closed: Promise<void> | undefined;

  return {
    service,
    eventLog(threadId) {
      const view = runtime.view(threadId);
      if (view === undefined) return undefined;
      return view
        .events()
        .filter((e) => forwardsEvent(e, options.fidelity))
        .map((e) => toWatchResponse(threadId, e));
    },
    readArtifact(threadId, name) {
      const view = runtime.view(threadId);
      if (view === undefined) return undefined;
      const file = artifactsOf(view).find((a) => a.name === name);
      if (file === undefined) return undefined;
      return (async function* () {
        for (const chunk of chunksOf(file.source, ARTIFACT_CHUNK_BYTES)) yield chunk;
      })();
    },
    close() {
      closed ??= runtime.close().then(() => store.close());
      return closed;
    },
    threadCount: () => store.countThreads(),
    watcherCount: () => runtime.bus.listenerCount(),
  };
}
