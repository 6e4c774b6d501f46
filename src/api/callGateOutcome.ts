// What a failed call says about the service, for the call gate (callGate.ts): no answer at all
// (UNAVAILABLE, or fetch failed: a network error), a refusal of the credentials, an answer only a
// running server gives (NOT_FOUND, INVALID_ARGUMENT, INTERNAL…), or nothing (the caller cancelled).
// Pure.
import { Code, ConnectError } from "@connectrpc/connect";
import type { CallOutcome } from "./callGate";
import { isHeldByGate } from "./errors";
import { unknownFromWire } from "../assertNever";

export function outcomeOfFailure(error: unknown, signal: AbortSignal | undefined): CallOutcome {
  if (signal?.aborted === true) return { kind: "neutral" };
  const err = ConnectError.from(error);
  if (isHeldByGate(err)) return { kind: "neutral" };
  switch (err.code) {
    case Code.Unavailable:
      return { kind: "unreachable", error: err };
    case Code.Unknown:
      return isNetworkFailure(err.cause) ? { kind: "unreachable", error: err } : { kind: "answered" };
    case Code.Unauthenticated:
    case Code.PermissionDenied:
      return { kind: "refused", error: err };
    case Code.Canceled:
    case Code.DeadlineExceeded:
      // Cancelled here, or no answer in the time this call allowed: says nothing either way.
      return { kind: "neutral" };
    case Code.InvalidArgument:
    case Code.NotFound:
    case Code.AlreadyExists:
    case Code.ResourceExhausted:
    case Code.FailedPrecondition:
    case Code.Aborted:
    case Code.OutOfRange:
    case Code.Unimplemented:
    case Code.Internal:
    case Code.DataLoss:
      return { kind: "answered" };
  }
  // A code from a newer protocol: some server answered.
  return unknownFromWire(err.code, { kind: "answered" });
}

/** The same for a stream that failed before its first message. UNAVAILABLE there is ambiguous: a
 *  proxy that cannot pass streams, or a server whose watch side is down (the sandbox's
 *  `{"watch":"unavailable"}`), answers so while unary calls still work — and the live view must
 *  then fall back to polling GetThread, not find it held. So while the gate is open, only a network
 *  failure (no answer at all) counts as unreachable for a stream; once unary calls have closed it,
 *  a stream sent as the probe and answered UNAVAILABLE is a failed probe (or streams would probe at
 *  the shortest interval for ever). */
export function outcomeOfStreamFailure(error: unknown, signal: AbortSignal | undefined, gateOpen: boolean): CallOutcome {
  const outcome = outcomeOfFailure(error, signal);
  if (gateOpen && outcome.kind === "unreachable" && outcome.error.code === Code.Unavailable) return { kind: "neutral" };
  return outcome;
}

/** fetch() rejects with a TypeError when the request never got an answer (refused connection,
 *  DNS, CORS, a connection cut while reading). */
export function isNetworkFailure(cause: unknown): boolean {
  return cause instanceof TypeError || (cause instanceof Error && /network|fetch|socket|ECONN/i.test(cause.message));
}
