// The injectable faults, and the pure parsing of a POST /__sandbox/faults body.
import { Code } from "@connectrpc/connect";

export type WatchFault = "ok" | "unavailable" | "unimplemented" | "buffer";
export type UnaryFault = "ok" | "UNAVAILABLE" | "UNAUTHENTICATED";

export interface FaultState {
  /** Applies to WatchThread and WatchStep. */
  watch: WatchFault;
  /** Every unary RPC but HealthCheck fails with this code. */
  unary: UnaryFault;
  /** The result streams (StreamThreadResult, StreamStepResult: every server stream but the
   *  watches) fail at once with this code. With `unary` and `watch` too, every call but HealthCheck
   *  fails: a service that is down (the storm spec). */
  results: UnaryFault;
  /** Added before every RPC. */
  latencyMs: number;
}

export const NO_FAULTS: Readonly<FaultState> = Object.freeze({ watch: "ok", unary: "ok", results: "ok", latencyMs: 0 });

export interface FaultUpdate {
  /** Back to NO_FAULTS before applying the other keys. */
  reset: boolean;
  /** One-shot: end every open server stream now with UNAVAILABLE. */
  dropStreams: boolean;
  watch?: WatchFault;
  unary?: UnaryFault;
  results?: UnaryFault;
  latencyMs?: number;
}

export const MAX_LATENCY_MS = 600_000;

const WATCH_FAULTS: readonly WatchFault[] = ["ok", "unavailable", "unimplemented", "buffer"];
const UNARY_FAULTS: readonly UnaryFault[] = ["ok", "UNAVAILABLE", "UNAUTHENTICATED"];
const KEYS = ["reset", "dropStreams", "watch", "unary", "results", "latencyMs"];

export type ParsedFaultUpdate = { ok: true; update: FaultUpdate } | { ok: false; message: string };

export function parseFaultUpdate(body: unknown): ParsedFaultUpdate {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, message: "the body must be a JSON object such as {\"watch\": \"buffer\"}" };
  }
  const record = body as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((key) => !KEYS.includes(key));
  if (unknownKeys.length > 0) {
    return { ok: false, message: `unknown fault ${unknownKeys.map((k) => `"${k}"`).join(", ")}; known: ${KEYS.join(", ")}` };
  }
  const update: FaultUpdate = { reset: false, dropStreams: false };
  for (const key of ["reset", "dropStreams"] as const) {
    const value = record[key];
    if (value === undefined) continue;
    if (typeof value !== "boolean") return { ok: false, message: `"${key}" must be true or false` };
    update[key] = value;
  }
  if (record.watch !== undefined) {
    const watch = WATCH_FAULTS.find((w) => w === record.watch);
    if (watch === undefined) {
      return { ok: false, message: `"watch" must be one of ${WATCH_FAULTS.join(", ")}` };
    }
    update.watch = watch;
  }
  for (const key of ["unary", "results"] as const) {
    if (record[key] === undefined) continue;
    const fault = UNARY_FAULTS.find((u) => u === record[key]);
    if (fault === undefined) {
      return { ok: false, message: `"${key}" must be one of ${UNARY_FAULTS.join(", ")}` };
    }
    update[key] = fault;
  }
  if (record.latencyMs !== undefined) {
    const latency = record.latencyMs;
    if (typeof latency !== "number" || !Number.isInteger(latency) || latency < 0 || latency > MAX_LATENCY_MS) {
      return { ok: false, message: `"latencyMs" must be an integer from 0 to ${MAX_LATENCY_MS}` };
    }
    update.latencyMs = latency;
  }
  return { ok: true, update };
}

export function applyFaultUpdate(state: FaultState, update: FaultUpdate): FaultState {
  const base = update.reset ? NO_FAULTS : state;
  return {
    watch: update.watch ?? base.watch,
    unary: update.unary ?? base.unary,
    results: update.results ?? base.results,
    latencyMs: update.latencyMs ?? base.latencyMs,
  };
}

export const WATCH_METHODS: ReadonlySet<string> = new Set(["WatchThread", "WatchStep"]);

/** The code a call fails with at once under these faults; null = it goes on. */
export function immediateFaultCode(
  state: FaultState,
  method: { name: string; stream: boolean },
): Code | null {
  if (method.stream && !WATCH_METHODS.has(method.name)) return codeOf(state.results);
  if (method.stream) {
    switch (state.watch) {
      case "unavailable":
        return Code.Unavailable;
      case "unimplemented":
        return Code.Unimplemented;
      case "ok":
      case "buffer":
        return null;
    }
  }
  if (method.name === "HealthCheck") return null;
  return codeOf(state.unary);
}

function codeOf(fault: UnaryFault): Code | null {
  switch (fault) {
    case "UNAVAILABLE":
      return Code.Unavailable;
    case "UNAUTHENTICATED":
      return Code.Unauthenticated;
    case "ok":
      return null;
  }
}

/** Whether messages of this stream are held back now. */
export function isBuffering(state: FaultState, methodName: string): boolean {
  return state.watch === "buffer" && WATCH_METHODS.has(methodName);
}
