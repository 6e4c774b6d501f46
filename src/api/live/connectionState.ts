// The connection state every live view shows: Live, Polling every N s, Reconnecting (attempt n,
// next in s), Stale since hh:mm:ss; plus Connecting (first load) and Final (nothing more will
// happen). While the call gate holds calls (the service is unreachable), "next in" is the gate's
// next try, not the stream's own backoff: the stream cannot go before it. Pure.
import type { ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { isTerminalStatus } from "../threads/threadStatus";
import { assertNever } from "../../assertNever";
import type { PollingDecision } from "./fallbackDecision";
import type { StreamPhase } from "./streamPhase";

export type ConnectionState =
  | { readonly kind: "connecting" }
  | { readonly kind: "live" }
  | { readonly kind: "polling"; readonly everyMs: number }
  | { readonly kind: "reconnecting"; readonly attempt: number; readonly nextAtMs: number }
  /** nextAtMs: the call gate holds calls until then (the service is unreachable). */
  | { readonly kind: "stale"; readonly sinceMs: number; readonly nextAtMs?: number }
  | { readonly kind: "final" };

export interface ConnectionInputs {
  readonly nowMs: number;
  readonly status: ThreadStatus;
  readonly stream: StreamPhase;
  readonly polling: PollingDecision;
  /** The last GetThread poll failed. */
  readonly lastPollFailed: boolean;
  /** Stream attempts in a row that failed. */
  readonly consecutiveFailures: number;
  /** When the view last got data (a stream message or a successful GetThread). */
  readonly lastFreshMs: number;
  /** The call gate sends nothing before this (it holds calls: the service is unreachable). */
  readonly gateRetryAtMs?: number | undefined;
}

export function deriveConnection(input: ConnectionInputs): ConnectionState {
  if (isTerminalStatus(input.status)) return { kind: "final" };
  const stale = (): ConnectionState =>
    input.gateRetryAtMs !== undefined && input.gateRetryAtMs > input.nowMs
      ? { kind: "stale", sinceMs: input.lastFreshMs, nextAtMs: input.gateRetryAtMs }
      : { kind: "stale", sinceMs: input.lastFreshMs };
  if (input.polling.kind === "fallback") {
    return input.lastPollFailed ? stale() : { kind: "polling", everyMs: input.polling.intervalMs };
  }
  const { stream } = input;
  const gateAt = input.gateRetryAtMs ?? Number.NEGATIVE_INFINITY;
  switch (stream.kind) {
    case "open":
      return { kind: "live" };
    case "waiting":
      return { kind: "reconnecting", attempt: stream.attempt, nextAtMs: Math.max(stream.nextAtMs, gateAt) };
    case "connecting":
      // A stream open the gate keeps waiting goes at the gate's next try.
      return input.consecutiveFailures > 0
        ? { kind: "reconnecting", attempt: input.consecutiveFailures, nextAtMs: Math.max(input.nowMs, gateAt) }
        : { kind: "connecting" };
    case "idle":
      return { kind: "connecting" };
    case "ended":
      return input.lastPollFailed ? stale() : { kind: "live" };
    default:
      return assertNever(stream, "stream phase");
  }
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** hh:mm:ss in the browser's time zone. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function seconds(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${s} s`;
}

export function connectionLabel(state: ConnectionState, nowMs: number): string {
  switch (state.kind) {
    case "connecting":
      return "Connecting…";
    case "live":
      return "Live";
    case "polling":
      return `Polling every ${seconds(state.everyMs)}`;
    case "reconnecting":
      return `Reconnecting (attempt ${state.attempt}, next in ${seconds(state.nextAtMs - nowMs)})`;
    case "stale":
      return state.nextAtMs === undefined
        ? `Stale since ${clockTime(state.sinceMs)}`
        : `Stale since ${clockTime(state.sinceMs)} (next try in ${seconds(state.nextAtMs - nowMs)})`;
    case "final":
      return "Final: the thread has finished";
    default:
      return assertNever(state, "connection state");
  }
}
