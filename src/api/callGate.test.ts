import { describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { createCallGate, gateBackoffMs, type CallAdmission, type CallGate, type CallTicket } from "./callGate";
import { isHeldByGate } from "./errors";

const T0 = Date.UTC(2026, 0, 2, 10, 0, 0);
const down = new ConnectError("connection refused", Code.Unavailable);
const noToken = new ConnectError("missing bearer token", Code.Unauthenticated);

function clockedGate(random = 0.5) {
  let nowMs = T0;
  const gate = createCallGate({ now: () => nowMs, random: () => random });
  return {
    gate,
    advance: (ms: number) => (nowMs += ms),
    at: () => nowMs,
  };
}

function sent(admission: CallAdmission): CallTicket {
  if (admission.kind !== "send") throw new Error(`expected the call to be sent, got ${admission.kind}`);
  return admission.ticket;
}

function fail(gate: CallGate, times = 1): void {
  for (let i = 0; i < times; i++) gate.settle(sent(gate.admit("unary")), { kind: "unreachable", error: down });
}

describe("gateBackoffMs", () => {
  it("doubles from 1 s and is capped at 30 s, with ±25 % jitter", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => gateBackoffMs(n, 0.5))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(gateBackoffMs(1, 0)).toBe(750);
    expect(gateBackoffMs(1, 0.999_999)).toBe(1_250);
    expect(gateBackoffMs(50, 0)).toBe(22_500);
    expect(gateBackoffMs(50, 0.999_999)).toBe(37_500);
  });
});

describe("createCallGate", () => {
  it("lets everything through while ok; one lost call does not close it, two in a row do", () => {
    const { gate } = clockedGate();
    fail(gate);
    expect(gate.getSnapshot().kind).toBe("ok");
    expect(gate.admit("unary").kind).toBe("send");
    fail(gate);
    expect(gate.getSnapshot()).toMatchObject({ kind: "unreachable", failures: 1, since: T0, retryAt: T0 + 1_000 });
  });

  it("a success between two failures keeps it open", () => {
    const { gate } = clockedGate();
    fail(gate);
    gate.settle(sent(gate.admit("unary")), { kind: "answered" });
    fail(gate);
    expect(gate.getSnapshot().kind).toBe("ok");
  });

  it("holds calls until retryAt with a recognisable UNAVAILABLE, then sends one probe at a time", () => {
    const { gate, advance } = clockedGate();
    fail(gate, 2);
    const held = gate.admit("unary");
    expect(held.kind).toBe("hold");
    if (held.kind !== "hold") return;
    expect(held.error.code).toBe(Code.Unavailable);
    expect(isHeldByGate(held.error)).toBe(true);
    expect(held.error.rawMessage).toBe("not sent: the service has been unreachable since 10:00:00; next try in 1 s");
    // A stream open waits for the slot instead of failing.
    expect(gate.admit("stream")).toMatchObject({ kind: "wait", until: T0 + 1_000 });

    advance(1_000);
    const probe = sent(gate.admit("unary"));
    expect(gate.getSnapshot()).toMatchObject({ kind: "unreachable", probeSince: T0 + 1_000 });
    const second = gate.admit("unary");
    expect(second.kind).toBe("hold");
    if (second.kind === "hold") expect(second.error.rawMessage).toMatch(/a retry is in flight$/);
    expect(gate.admit("stream")).toMatchObject({ kind: "wait", until: T0 + 11_000 });

    // A probe with no answer after 10 s no longer holds the others.
    advance(10_000);
    expect(gate.admit("unary").kind).toBe("send");
    gate.settle(probe, { kind: "answered" });
    expect(gate.getSnapshot().kind).toBe("ok");
  });

  it("backs off further after each failed probe, up to the cap", () => {
    const { gate, advance, at } = clockedGate();
    fail(gate, 2);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const state = gate.getSnapshot();
      if (state.kind !== "unreachable") throw new Error("expected unreachable");
      advance(state.retryAt - at());
      fail(gate);
      const next = gate.getSnapshot();
      if (next.kind !== "unreachable") throw new Error("expected unreachable");
      waits.push(next.retryAt - at());
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000]);
    expect(gate.getSnapshot()).toMatchObject({ failures: 9, since: T0 });
  });

  it("counts calls that were out together as one failure", () => {
    const { gate } = clockedGate();
    const out = [1, 2, 3, 4, 5].map(() => sent(gate.admit("unary")));
    for (const ticket of out) gate.settle(ticket, { kind: "unreachable", error: down });
    expect(gate.getSnapshot()).toMatchObject({ kind: "unreachable", failures: 1 });
  });

  it("recovers on any answer, and tells its listeners", () => {
    const { gate, advance } = clockedGate();
    const seen: string[] = [];
    gate.subscribe(() => seen.push(gate.getSnapshot().kind));
    fail(gate, 2);
    advance(1_000);
    const probe = sent(gate.admit("unary"));
    gate.settle(probe, { kind: "answered" });
    expect(gate.getSnapshot().kind).toBe("ok");
    expect(seen).toEqual(["unreachable", "unreachable", "ok"]);
  });

  it("an answer to a call sent before it closed does not reopen it nor shorten the backoff", () => {
    const { gate, advance } = clockedGate();
    const early = sent(gate.admit("stream"));
    fail(gate, 2);
    advance(1_000);
    fail(gate);
    const before = gate.getSnapshot();
    expect(before).toMatchObject({ kind: "unreachable", failures: 2 });
    gate.settle(early, { kind: "answered" });
    expect(gate.getSnapshot()).toBe(before);
    expect(gate.admit("unary").kind).toBe("hold");
    advance(2_000);
    gate.settle(sent(gate.admit("unary")), { kind: "answered" });
    expect(gate.getSnapshot().kind).toBe("ok");
  });

  it("a cancelled probe gives its turn back", () => {
    const { gate, advance } = clockedGate();
    fail(gate, 2);
    advance(1_000);
    gate.settle(sent(gate.admit("unary")), { kind: "neutral" });
    expect(gate.getSnapshot()).toMatchObject({ kind: "unreachable", failures: 1, probeSince: undefined });
    expect(gate.admit("unary").kind).toBe("send");
  });

  it("'Try now' allows one probe before retryAt", () => {
    const { gate } = clockedGate();
    fail(gate, 2);
    expect(gate.admit("unary").kind).toBe("hold");
    gate.allowProbe();
    expect(gate.admit("unary").kind).toBe("send");
    expect(gate.admit("unary").kind).toBe("hold");
  });

  it("refused: every call fails at once with the stored answer, marked as held", () => {
    const { gate, advance } = clockedGate();
    gate.settle(sent(gate.admit("unary")), { kind: "refused", error: noToken });
    expect(gate.getSnapshot()).toMatchObject({ kind: "refused", error: noToken });
    advance(3_600_000);
    for (const kind of ["unary", "stream"] as const) {
      const held = gate.admit(kind);
      expect(held.kind).toBe("hold");
      if (held.kind !== "hold") continue;
      expect(held.error.code).toBe(Code.Unauthenticated);
      expect(held.error.rawMessage).toBe("missing bearer token");
      expect(isHeldByGate(held.error)).toBe(true);
    }
  });

  it("refused: a call sent before the refusal does not undo it", () => {
    const { gate } = clockedGate();
    const early = sent(gate.admit("unary"));
    gate.settle(sent(gate.admit("unary")), { kind: "refused", error: noToken });
    gate.settle(early, { kind: "answered" });
    expect(gate.getSnapshot().kind).toBe("refused");
  });

  it("refused: one probe when allowed; the others wait for its answer", () => {
    const { gate } = clockedGate();
    gate.settle(sent(gate.admit("unary")), { kind: "refused", error: noToken });
    gate.allowProbe();
    const probe = sent(gate.admit("unary"));
    expect(gate.admit("unary")).toMatchObject({ kind: "wait" });
    gate.settle(probe, { kind: "refused", error: new ConnectError("token expired", Code.Unauthenticated) });
    const held = gate.admit("unary");
    expect(held.kind === "hold" && held.error.rawMessage).toBe("token expired");

    gate.allowProbe();
    gate.settle(sent(gate.admit("unary")), { kind: "answered" });
    expect(gate.getSnapshot().kind).toBe("ok");
    expect(gate.admit("unary").kind).toBe("send");
  });

  it("a new gate starts ok (a new connection, or 'Try again')", () => {
    const { gate } = clockedGate();
    gate.settle(sent(gate.admit("unary")), { kind: "refused", error: noToken });
    expect(createCallGate().getSnapshot().kind).toBe("ok");
  });
});
