// The call gate of one connection: the service's reachability as this tab sees it, and the
// decision, for each call, to send it, hold it back or let it wait (storm guard, issue 8 scenario 3).
// `ok`: everything goes. `unreachable`: after transport failures in a row, calls are not sent until
// retryAt, then one call at a time goes as the probe (backoff about 1 s, 2 s, 4 s… 30 s, ±25 %
// jitter). `refused`: the service refused the credentials; every call fails with that answer until
// the gate is reset (a new gate) or a probe is allowed (the tab visible again, "Try now").
// The classification of answers lives in callGateOutcome.ts; the transport in gatedTransport.ts.
// No timers: every decision is made when a call asks, from `now()`.
import { Code, ConnectError } from "@connectrpc/connect";
import { CallHeldError } from "./errors";

export type CallGateState =
  | { readonly kind: "ok" }
  | {
      readonly kind: "unreachable";
      /** Failed attempts since the gate closed (the first closes it). */
      readonly failures: number;
      /** When the first failure of this outage was seen (ms). */
      readonly since: number;
      /** No call is sent before this (ms). */
      readonly retryAt: number;
      readonly lastError: ConnectError;
      /** A probe is in flight since then (ms). */
      readonly probeSince: number | undefined;
    }
  | {
      readonly kind: "refused";
      readonly error: ConnectError;
      /** The next call may go as a probe (the tab became visible again, or "Try now"). */
      readonly probeAllowed: boolean;
      readonly probeSince: number | undefined;
    };

/** What became of a call that was sent. */
export type CallOutcome =
  /** The service answered (a response, or an error only a server gives). */
  | { readonly kind: "answered" }
  /** No answer from the service: UNAVAILABLE, or the network failed. */
  | { readonly kind: "unreachable"; readonly error: ConnectError }
  /** UNAUTHENTICATED or PERMISSION_DENIED. */
  | { readonly kind: "refused"; readonly error: ConnectError }
  /** Cancelled by the caller, or an answer that tells nothing about the service. */
  | { readonly kind: "neutral" };

export interface CallTicket {
  readonly id: number;
  /** The gate's epoch when the call was sent: later evidence wins over older. */
  readonly epoch: number;
}

export type CallAdmission =
  | { readonly kind: "send"; readonly ticket: CallTicket }
  /** Not sent: fail now with this error. */
  | { readonly kind: "hold"; readonly error: ConnectError }
  /** Not sent yet: ask again when the gate changes or at `until` (ms). `error` if giving up. */
  | { readonly kind: "wait"; readonly until: number; readonly error: ConnectError };

/** Unary calls fail at once while held; stream opens wait for the next probe slot. */
export type CallKind = "unary" | "stream";

export interface CallGate {
  getSnapshot(): CallGateState;
  subscribe(listener: () => void): () => void;
  now(): number;
  admit(kind: CallKind): CallAdmission;
  /** Reports what became of a sent call; only the first report of a ticket counts. */
  settle(ticket: CallTicket, outcome: CallOutcome): void;
  /** Allows one probe now ("Try now", the tab visible again). No effect while `ok`. */
  allowProbe(): void;
}

export interface CallGateOptions {
  now?: () => number;
  /** In [0, 1). */
  random?: () => number;
  /** Transport failures in a row that close the gate (a single lost call is not an outage). */
  failureThreshold?: number;
  /** A probe in flight for longer than this no longer holds other calls (ms). */
  probeStaleMs?: number;
}

export const gateBackoffBaseMs = 1_000;
export const gateBackoffMaxMs = 30_000;
export const gateBackoffJitter = 0.25;
export const defaultFailureThreshold = 2;
export const defaultProbeStaleMs = 10_000;

/** Delay after the n-th (1-based) failed attempt: 1 s, 2 s, 4 s… capped at 30 s, then ±25 %. */
export function gateBackoffMs(failures: number, random: number): number {
  const exponent = Math.max(0, Math.min(failures - 1, 16));
  const base = Math.min(gateBackoffMaxMs, gateBackoffBaseMs * 2 ** exponent);
  const factor = 1 - gateBackoffJitter + 2 * gateBackoffJitter * Math.min(Math.max(random, 0), 1);
  return Math.round(base * factor);
}

const OK: CallGateState = Object.freeze({ kind: "ok" });

export function createCallGate(options: CallGateOptions = {}): CallGate {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const threshold = Math.max(1, options.failureThreshold ?? defaultFailureThreshold);
  const probeStaleMs = options.probeStaleMs ?? defaultProbeStaleMs;
  const listeners = new Set<() => void>();
  let state: CallGateState = OK;
  /** Bumped on every change of state caused by an answer (not by probes starting). */
  let epoch = 0;
  let nextTicketId = 1;
  let probeTicket: number | undefined;
  /** While `ok`: transport failures in a row, and when the first was seen. */
  let streak = 0;
  let streakSince = 0;
  /** Tickets sent and not yet settled. */
  const outstanding = new Set<number>();

  function set(next: CallGateState, evidence: boolean): void {
    if (evidence) epoch += 1;
    state = next;
    for (const listener of [...listeners]) listener();
  }

  function ticket(asProbe: boolean): CallTicket {
    const id = nextTicketId++;
    outstanding.add(id);
    if (asProbe) probeTicket = id;
    return { id, epoch };
  }

  function probeFresh(since: number | undefined, at: number): boolean {
    return since !== undefined && at - since < probeStaleMs;
  }

  function admit(kind: CallKind): CallAdmission {
    const at = now();
    switch (state.kind) {
      case "ok":
        return { kind: "send", ticket: ticket(false) };
      case "unreachable": {
        const waiting = at < state.retryAt;
        if (!waiting && !probeFresh(state.probeSince, at)) {
          const admitted = ticket(true);
          set({ ...state, probeSince: at }, false);
          return { kind: "send", ticket: admitted };
        }
        const error = unreachableError(state, at);
        if (kind === "unary") return { kind: "hold", error };
        const until = waiting ? state.retryAt : (state.probeSince ?? at) + probeStaleMs;
        return { kind: "wait", until, error };
      }
      case "refused": {
        if (state.probeAllowed) {
          const admitted = ticket(true);
          set({ ...state, probeAllowed: false, probeSince: at }, false);
          return { kind: "send", ticket: admitted };
        }
        const error = refusedError(state.error);
        // While the probe is out, the others wait for its answer rather than fail with the old one.
        if (probeFresh(state.probeSince, at)) return { kind: "wait", until: (state.probeSince ?? at) + probeStaleMs, error };
        return { kind: "hold", error };
      }
    }
  }

  function settle(done: CallTicket, outcome: CallOutcome): void {
    if (!outstanding.delete(done.id)) return;
    const wasProbe = probeTicket === done.id;
    if (wasProbe) probeTicket = undefined;
    const stale = done.epoch < epoch;
    const at = now();
    switch (outcome.kind) {
      case "answered":
        streak = 0;
        // A call sent before the gate closed does not reopen it: not a refusal, and not the
        // backoff that failures built up (a slow stream that was out since before the outage
        // answering late says nothing about now). The probes decide.
        if (state.kind !== "ok" && stale) return endProbe(wasProbe);
        if (state.kind !== "ok") set(OK, true);
        return;
      case "refused":
        streak = 0;
        if (state.kind === "refused" && stale) return endProbe(wasProbe);
        set({ kind: "refused", error: outcome.error, probeAllowed: false, probeSince: undefined }, true);
        return;
      case "unreachable":
        switch (state.kind) {
          case "ok":
            if (stale) return;
            if (streak === 0) streakSince = at;
            streak += 1;
            if (streak < threshold) return;
            streak = 0;
            set(closed(1, streakSince, outcome.error, at), true);
            return;
          case "unreachable":
            // Calls that were out together fail together: one outage step, not one per call.
            if (stale) return endProbe(wasProbe);
            set(closed(state.failures + 1, state.since, outcome.error, at), true);
            return;
          case "refused":
            if (stale) return endProbe(wasProbe);
            set(closed(1, at, outcome.error, at), true);
            return;
        }
        return;
      case "neutral":
        return endProbe(wasProbe, true);
    }
  }

  function closed(failures: number, since: number, lastError: ConnectError, at: number): CallGateState {
    return {
      kind: "unreachable",
      failures,
      since,
      retryAt: at + gateBackoffMs(failures, random()),
      lastError,
      probeSince: undefined,
    };
  }

  /** The probe is over without changing the state; a cancelled one gives its turn back. */
  function endProbe(wasProbe: boolean, giveBack = false): void {
    if (!wasProbe) return;
    switch (state.kind) {
      case "ok":
        return;
      case "unreachable":
        if (state.probeSince !== undefined) set({ ...state, probeSince: undefined }, false);
        return;
      case "refused":
        if (state.probeSince === undefined && (state.probeAllowed || !giveBack)) return;
        set({ ...state, probeSince: undefined, probeAllowed: state.probeAllowed || giveBack }, false);
        return;
    }
  }

  function allowProbe(): void {
    const at = now();
    switch (state.kind) {
      case "ok":
        return;
      case "unreachable":
        if (state.retryAt > at) set({ ...state, retryAt: at }, false);
        return;
      case "refused":
        if (!state.probeAllowed) set({ ...state, probeAllowed: true }, false);
        return;
    }
  }

  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    now,
    admit,
    settle,
    allowProbe,
  };
}

/** The error of a call held back while the service is unreachable (UNAVAILABLE, not sent). */
export function unreachableError(state: Extract<CallGateState, { kind: "unreachable" }>, at: number): ConnectError {
  const next =
    state.retryAt > at
      ? `next try in ${Math.max(1, Math.ceil((state.retryAt - at) / 1_000))} s`
      : "a retry is in flight";
  return new CallHeldError(
    `not sent: the service has been unreachable since ${clockTime(state.since)}; ${next}`,
    Code.Unavailable,
    undefined,
    state.lastError,
  );
}

/** The stored refusal, again, for a call that was not sent. */
export function refusedError(stored: ConnectError): ConnectError {
  const held = new CallHeldError(stored.rawMessage, stored.code, stored.metadata, stored);
  held.details = stored.details;
  return held;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** hh:mm:ss in the browser's time zone. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
