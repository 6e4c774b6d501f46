import { describe, expect, it } from "vitest";
import { ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { connectionLabel, deriveConnection, type ConnectionInputs } from "./connectionState";

const now = Date.UTC(2026, 0, 2, 13, 4, 5);
const base: ConnectionInputs = {
  nowMs: now,
  status: ThreadStatus.RUNNING,
  stream: { kind: "open", lastMessageMs: now },
  polling: { kind: "none", recheckInMs: undefined },
  lastPollFailed: false,
  consecutiveFailures: 0,
  lastFreshMs: now - 10_000,
};

const label = (input: Partial<ConnectionInputs>) => connectionLabel(deriveConnection({ ...base, ...input }), now);

describe("connection state", () => {
  it("says Live while the stream delivers", () => {
    expect(label({})).toBe("Live");
  });

  it("says Polling every N s while falling back", () => {
    expect(label({ polling: { kind: "fallback", intervalMs: 2000, reason: "silent" }, stream: { kind: "connecting", sinceMs: 0 } })).toBe(
      "Polling every 2 s",
    );
  });

  it("stays Live during quiet checks", () => {
    expect(label({ polling: { kind: "check", intervalMs: 1500, reason: "ask" } })).toBe("Live");
  });

  it("says Reconnecting with the attempt and the seconds left", () => {
    expect(label({ stream: { kind: "waiting", attempt: 2, nextAtMs: now + 1_200 }, consecutiveFailures: 2 })).toBe(
      "Reconnecting (attempt 2, next in 2 s)",
    );
    expect(label({ stream: { kind: "connecting", sinceMs: now }, consecutiveFailures: 1 })).toBe(
      "Reconnecting (attempt 1, next in 0 s)",
    );
  });

  it("says when the call gate sends next while it holds the calls, not 'next in 0 s'", () => {
    expect(
      label({ stream: { kind: "connecting", sinceMs: now }, consecutiveFailures: 3, gateRetryAtMs: now + 24_100 }),
    ).toBe("Reconnecting (attempt 3, next in 25 s)");
    expect(
      label({ stream: { kind: "waiting", attempt: 3, nextAtMs: now + 2_000 }, consecutiveFailures: 3, gateRetryAtMs: now + 9_000 }),
    ).toBe("Reconnecting (attempt 3, next in 9 s)");
    // The stream's own backoff is later: that one.
    expect(
      label({ stream: { kind: "waiting", attempt: 3, nextAtMs: now + 12_000 }, consecutiveFailures: 3, gateRetryAtMs: now + 9_000 }),
    ).toBe("Reconnecting (attempt 3, next in 12 s)");
  });

  it("says Stale since hh:mm:ss when polling fails too", () => {
    expect(
      label({ polling: { kind: "fallback", intervalMs: 1000, reason: "unreachable" }, lastPollFailed: true }),
    ).toBe("Stale since 13:03:55");
  });

  it("says when the next try is while the call gate holds the calls", () => {
    const stale = { polling: { kind: "fallback", intervalMs: 1000, reason: "unreachable" }, lastPollFailed: true } as const;
    expect(label({ ...stale, gateRetryAtMs: now + 17_500 })).toBe("Stale since 13:03:55 (next try in 18 s)");
    // Past the gate's retryAt a probe is due: nothing to count down.
    expect(label({ ...stale, gateRetryAtMs: now - 1 })).toBe("Stale since 13:03:55");
  });

  it("says Connecting first and Final when the thread has finished", () => {
    expect(label({ stream: { kind: "idle" } })).toBe("Connecting…");
    expect(label({ status: ThreadStatus.COMPLETED, stream: { kind: "waiting", attempt: 9, nextAtMs: now } })).toBe(
      "Final: the thread has finished",
    );
  });
});
