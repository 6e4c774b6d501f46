// When to poll GetThread, and how often. Pure: the engine feeds it the facts and a clock.
//
// - "fallback": the stream gives nothing usable (UNIMPLEMENTED, cannot be established, or silent
//   for a few seconds, as behind a buffering proxy): poll instead, and say so ("Polling every N s").
// - "check": the stream is live but a pause may have happened without an event (an ask step has
//   started, or the stream has gone quiet): poll quietly so a pause shows within 5 s.
import { ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { isTerminalStatus } from "../threads/threadStatus";
import type { StreamPhase } from "./streamPhase";

/** A new stream that delivers nothing in this time is treated as buffered or hung. */
export const silentStreamMs = 2_500;
/** A live stream of a running thread with no message for this long may hide a pause. */
export const quietStreamMs = 2_000;
export const askCheckIntervalMs = 1_500;
export const quietCheckIntervalMs = 2_000;

export interface PollingInputs {
  readonly nowMs: number;
  readonly status: ThreadStatus;
  readonly stream: StreamPhase;
  /** The last stream error was UNIMPLEMENTED (sticky until a stream delivers). */
  readonly streamUnimplemented: boolean;
  /** Stream attempts in a row that failed before delivering anything. */
  readonly consecutiveFailures: number;
  /** Any stream has delivered a message during this view. */
  readonly everDelivered: boolean;
  readonly openAsk: boolean;
  /** Last time the thread's status or current step changed. */
  readonly lastChangeMs: number;
}

export type FallbackReason = "unimplemented" | "unreachable" | "silent";

export type PollingDecision =
  | { readonly kind: "none"; readonly recheckInMs: number | undefined }
  | { readonly kind: "fallback"; readonly intervalMs: number; readonly reason: FallbackReason }
  | { readonly kind: "check"; readonly intervalMs: number; readonly reason: "ask" | "quiet" };

/** Polling interval while falling back: ~1 s while the thread moves, slower when it does not. */
export function pollIntervalMs(status: ThreadStatus, msSinceChange: number): number {
  if (status === ThreadStatus.PAUSED) return 5_000;
  if (msSinceChange < 30_000) return 1_000;
  if (msSinceChange < 120_000) return 2_000;
  return 5_000;
}

const none = (recheckInMs?: number): PollingDecision => ({ kind: "none", recheckInMs });

export function decidePolling(input: PollingInputs): PollingDecision {
  if (isTerminalStatus(input.status)) return none();
  const interval = pollIntervalMs(input.status, input.nowMs - input.lastChangeMs);
  const fallback = (reason: FallbackReason): PollingDecision => ({ kind: "fallback", intervalMs: interval, reason });
  const { stream } = input;
  switch (stream.kind) {
    case "idle":
    case "ended":
      return none();
    case "waiting":
      if (input.streamUnimplemented) return fallback("unimplemented");
      if (input.consecutiveFailures >= 2 || !input.everDelivered) return fallback("unreachable");
      return none();
    case "connecting": {
      if (input.streamUnimplemented) return fallback("unimplemented");
      if (input.consecutiveFailures >= 2) return fallback("unreachable");
      const silentFor = input.nowMs - stream.sinceMs;
      if (silentFor >= silentStreamMs) return fallback("silent");
      return none(silentStreamMs - silentFor);
    }
    case "open": {
      if (input.status === ThreadStatus.PAUSED) return none();
      if (input.openAsk) return { kind: "check", intervalMs: askCheckIntervalMs, reason: "ask" };
      const quietFor = input.nowMs - stream.lastMessageMs;
      if (quietFor >= quietStreamMs) {
        const slow = input.nowMs - input.lastChangeMs > 60_000;
        return { kind: "check", intervalMs: slow ? 5_000 : quietCheckIntervalMs, reason: "quiet" };
      }
      return none(quietStreamMs - quietFor);
    }
    default: {
      const unreachable: never = stream;
      return unreachable;
    }
  }
}
