// A Connect Transport that asks the call gate (callGate.ts) before every call and tells it what
// came back, so that no page, hook or live view can storm a service that is down or that refuses
// the credentials. Unary calls held by the gate fail at once (CallHeldError, never sent); stream
// opens wait for the gate's next probe slot instead, so a live view reconnects as soon as the
// service answers again. A stream counts when it delivers its first message or fails before it
// (the Connect protocol sends errors after the response headers) with no answer at all (a stream's
// UNAVAILABLE alone does not close the gate: see callGateOutcome); a stream that breaks after
// messages came does not count: the service was there.
import { Code, ConnectError, type Transport } from "@connectrpc/connect";
import { refusedError, unreachableError, type CallGate, type CallKind, type CallOutcome, type CallTicket } from "./callGate";
import { outcomeOfFailure, outcomeOfStreamFailure } from "./callGateOutcome";

const ANSWERED: CallOutcome = { kind: "answered" };
const NEUTRAL: CallOutcome = { kind: "neutral" };

export function createGatedTransport(inner: Transport, gate: CallGate): Transport {
  return {
    async unary(method, signal, timeoutMs, header, input, contextValues) {
      const ticket = await admitted(gate, "unary", signal);
      try {
        const response = await inner.unary(method, signal, timeoutMs, header, input, contextValues);
        gate.settle(ticket, ANSWERED);
        return response;
      } catch (error) {
        gate.settle(ticket, outcomeOfFailure(error, signal));
        throw error;
      }
    },
    async stream(method, signal, timeoutMs, header, input, contextValues) {
      const ticket = await admitted(gate, "stream", signal);
      try {
        const response = await inner.stream(method, signal, timeoutMs, header, input, contextValues);
        return { ...response, message: settleOnFirstEvent(response.message, gate, ticket, signal) };
      } catch (error) {
        gate.settle(ticket, streamFailure(gate, error, signal));
        throw error;
      }
    },
  };
}

/**
 * A read made outside this transport (the step-tree worker's own StreamStepResult), under the
 * gate all the same. It never probes: it is sent only while the gate is open, and otherwise fails
 * at once with the held error (CallHeldError), so a background re-read waits for the gate to
 * reopen instead of adding requests to an outage, or reopening the gate on its own. Its answer is
 * settled like a stream's.
 */
export async function gatedRead<T>(gate: CallGate, signal: AbortSignal | undefined, read: () => Promise<T>): Promise<T> {
  const ticket = admitWhileOpen(gate);
  try {
    const result = await read();
    gate.settle(ticket, ANSWERED);
    return result;
  } catch (error) {
    gate.settle(ticket, streamFailure(gate, error, signal));
    throw error;
  }
}

function admitWhileOpen(gate: CallGate): CallTicket {
  const held = heldUnlessOpen(gate);
  if (held !== undefined) throw held;
  const admission = gate.admit("stream");
  if (admission.kind === "send") return admission.ticket;
  throw admission.error;
}

/** The error a background read fails with now because the gate is not open (CallHeldError), or
 *  undefined when it is open. For reads made through a gated client, which must not be admitted
 *  twice (gatedRead is for calls outside the transport). */
export function heldUnlessOpen(gate: CallGate): ConnectError | undefined {
  const state = gate.getSnapshot();
  switch (state.kind) {
    case "ok":
      return undefined;
    case "unreachable":
      return unreachableError(state, gate.now());
    case "refused":
      return refusedError(state.error);
  }
}

/** What a stream that failed before its first message says, given the gate's state now. */
function streamFailure(gate: CallGate, error: unknown, signal: AbortSignal | undefined): CallOutcome {
  return outcomeOfStreamFailure(error, signal, gate.getSnapshot().kind === "ok");
}

/** The gate's ticket for this call, after waiting if the gate says so; throws if held. */
async function admitted(gate: CallGate, kind: CallKind, signal: AbortSignal | undefined): Promise<CallTicket> {
  for (;;) {
    const admission = gate.admit(kind);
    switch (admission.kind) {
      case "send":
        return admission.ticket;
      case "hold":
        throw admission.error;
      case "wait":
        await changeOrTime(gate, admission.until, signal);
        break;
    }
  }
}

/** Resolves when the gate changes or at `until` (gate time); rejects (CANCELED) on abort. */
function changeOrTime(gate: CallGate, until: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(abortError(signal));
      return;
    }
    const timer = setTimeout(done, Math.max(1, until - gate.now()));
    const unsubscribe = gate.subscribe(done);
    const onAbort = (): void => {
      cleanup();
      reject(abortError(signal));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    function cleanup(): void {
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener("abort", onAbort);
    }
    function done(): void {
      cleanup();
      resolve();
    }
  });
}

function abortError(signal: AbortSignal | undefined): ConnectError {
  const reason: unknown = signal?.reason;
  return reason instanceof Error
    ? ConnectError.from(reason, Code.Canceled)
    : new ConnectError("the call was cancelled before it was sent", Code.Canceled);
}

/** Passes the messages on; settles the ticket at the first message, or the end, or the error. */
async function* settleOnFirstEvent<T>(
  messages: AsyncIterable<T>,
  gate: CallGate,
  ticket: CallTicket,
  signal: AbortSignal | undefined,
): AsyncGenerator<T, void, undefined> {
  let decided = false;
  const decide = (outcome: CallOutcome): void => {
    if (decided) return;
    decided = true;
    gate.settle(ticket, outcome);
  };
  try {
    for await (const message of messages) {
      decide(ANSWERED);
      yield message;
    }
    decide(ANSWERED);
  } catch (error) {
    decide(streamFailure(gate, error, signal));
    throw error;
  } finally {
    // The reader stopped before anything came: nothing learned.
    decide(NEUTRAL);
  }
}
