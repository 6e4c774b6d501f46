import { describe, expect, it } from "vitest";
import { ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { decidePolling, pollIntervalMs, type PollingInputs } from "./fallbackDecision";

const now = 1_000_000;
const base: PollingInputs = {
  nowMs: now,
  status: ThreadStatus.RUNNING,
  stream: { kind: "open", lastMessageMs: now },
  streamUnimplemented: false,
  consecutiveFailures: 0,
  everDelivered: true,
  openAsk: false,
  lastChangeMs: now,
};

describe("decidePolling", () => {
  it("never polls a final thread, whatever the stream does", () => {
    for (const status of [ThreadStatus.COMPLETED, ThreadStatus.FAILED, ThreadStatus.CANCELLED]) {
      expect(decidePolling({ ...base, status, streamUnimplemented: true, stream: { kind: "waiting", attempt: 3, nextAtMs: now } }).kind).toBe("none");
    }
  });

  it("falls back at once when the stream is UNIMPLEMENTED, also while retrying it", () => {
    const waiting = decidePolling({ ...base, streamUnimplemented: true, stream: { kind: "waiting", attempt: 1, nextAtMs: now + 30_000 } });
    expect(waiting).toEqual({ kind: "fallback", intervalMs: 1000, reason: "unimplemented" });
    const retrying = decidePolling({ ...base, streamUnimplemented: true, stream: { kind: "connecting", sinceMs: now } });
    expect(retrying.kind).toBe("fallback");
  });

  it("reconnects without polling after one failure of a stream that worked", () => {
    expect(decidePolling({ ...base, consecutiveFailures: 1, stream: { kind: "waiting", attempt: 1, nextAtMs: now + 500 } }).kind).toBe("none");
  });

  it("falls back when the stream cannot be established", () => {
    const first = { ...base, everDelivered: false, consecutiveFailures: 1, stream: { kind: "waiting", attempt: 1, nextAtMs: now } } as const;
    expect(decidePolling(first)).toMatchObject({ kind: "fallback", reason: "unreachable" });
    const again = { ...base, consecutiveFailures: 2, stream: { kind: "waiting", attempt: 2, nextAtMs: now } } as const;
    expect(decidePolling(again)).toMatchObject({ kind: "fallback", reason: "unreachable" });
  });

  it("falls back when a new stream stays silent for 2.5 s (buffering proxy), not before", () => {
    const early = decidePolling({ ...base, stream: { kind: "connecting", sinceMs: now - 2_000 } });
    expect(early).toEqual({ kind: "none", recheckInMs: 500 });
    const late = decidePolling({ ...base, stream: { kind: "connecting", sinceMs: now - 2_500 } });
    expect(late).toMatchObject({ kind: "fallback", reason: "silent", intervalMs: 1000 });
  });

  it("checks GetThread while an ask step is open, so a pause shows within 5 s", () => {
    const d = decidePolling({ ...base, openAsk: true });
    expect(d).toEqual({ kind: "check", intervalMs: 1_500, reason: "ask" });
  });

  it("checks GetThread when a live stream of a running thread goes quiet", () => {
    expect(decidePolling({ ...base, stream: { kind: "open", lastMessageMs: now - 500 } })).toEqual({ kind: "none", recheckInMs: 1_500 });
    expect(decidePolling({ ...base, stream: { kind: "open", lastMessageMs: now - 2_000 } })).toEqual({ kind: "check", intervalMs: 2_000, reason: "quiet" });
    expect(decidePolling({ ...base, lastChangeMs: now - 120_000, stream: { kind: "open", lastMessageMs: now - 60_000 } })).toMatchObject({ kind: "check", intervalMs: 5_000 });
  });

  it("does not poll a paused thread whose stream is live: the resume arrives on the stream", () => {
    expect(decidePolling({ ...base, status: ThreadStatus.PAUSED, stream: { kind: "open", lastMessageMs: now - 60_000 } }).kind).toBe("none");
  });
});

describe("pollIntervalMs", () => {
  it("is 1 s while the thread moves, slower when it does not, 5 s while paused", () => {
    expect(pollIntervalMs(ThreadStatus.RUNNING, 0)).toBe(1_000);
    expect(pollIntervalMs(ThreadStatus.RUNNING, 45_000)).toBe(2_000);
    expect(pollIntervalMs(ThreadStatus.RUNNING, 600_000)).toBe(5_000);
    expect(pollIntervalMs(ThreadStatus.PAUSED, 0)).toBe(5_000);
  });
});
