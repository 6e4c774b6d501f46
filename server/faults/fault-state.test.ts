import { Code } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import {
  applyFaultUpdate,
  immediateFaultCode,
  isBuffering,
  NO_FAULTS,
  parseFaultUpdate,
  type FaultState,
} from "./fault-state";

describe("parseFaultUpdate", () => {
  it("reads every key, combined", () => {
    expect(
      parseFaultUpdate({ dropStreams: true, watch: "buffer", latencyMs: 250, unary: "UNAVAILABLE", results: "UNAVAILABLE" }),
    ).toEqual({
      ok: true,
      update: { reset: false, dropStreams: true, watch: "buffer", latencyMs: 250, unary: "UNAVAILABLE", results: "UNAVAILABLE" },
    });
    expect(parseFaultUpdate({ reset: true })).toEqual({ ok: true, update: { reset: true, dropStreams: false } });
  });

  it.each([
    [null, "JSON object"],
    [[], "JSON object"],
    ["watch", "JSON object"],
    [{ drop: true }, 'unknown fault "drop"'],
    [{ watch: "slow" }, '"watch" must be one of ok, unavailable, unimplemented, buffer'],
    [{ watch: "UNAVAILABLE" }, '"watch" must be one of'],
    [{ unary: "unavailable" }, '"unary" must be one of ok, UNAVAILABLE, UNAUTHENTICATED'],
    [{ unary: "INTERNAL" }, '"unary" must be one of'],
    [{ results: "unavailable" }, '"results" must be one of ok, UNAVAILABLE, UNAUTHENTICATED'],
    [{ latencyMs: -1 }, '"latencyMs" must be an integer'],
    [{ latencyMs: 1.5 }, '"latencyMs" must be an integer'],
    [{ latencyMs: "100" }, '"latencyMs" must be an integer'],
    [{ dropStreams: "yes" }, '"dropStreams" must be true or false'],
  ])("refuses %j", (body, message) => {
    const parsed = parseFaultUpdate(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});

describe("applyFaultUpdate", () => {
  const faulty: FaultState = { watch: "buffer", unary: "UNAUTHENTICATED", results: "UNAVAILABLE", latencyMs: 10 };

  it("changes only the keys given", () => {
    expect(applyFaultUpdate(faulty, { reset: false, dropStreams: false, latencyMs: 0 })).toEqual({
      watch: "buffer",
      unary: "UNAUTHENTICATED",
      results: "UNAVAILABLE",
      latencyMs: 0,
    });
  });

  it("resets before applying", () => {
    expect(applyFaultUpdate(faulty, { reset: true, dropStreams: false, watch: "unavailable" })).toEqual({
      ...NO_FAULTS,
      watch: "unavailable",
    });
  });
});

describe("immediateFaultCode", () => {
  const watch = { name: "WatchThread", stream: true };
  const result = { name: "StreamThreadResult", stream: true };
  const unary = { name: "GetThread", stream: false };
  const health = { name: "HealthCheck", stream: false };

  it("fails watch streams only for the watch fault", () => {
    const state: FaultState = { ...NO_FAULTS, watch: "unimplemented" };
    expect(immediateFaultCode(state, watch)).toBe(Code.Unimplemented);
    expect(immediateFaultCode(state, { name: "WatchStep", stream: true })).toBe(Code.Unimplemented);
    expect(immediateFaultCode({ ...NO_FAULTS, watch: "unavailable" }, watch)).toBe(Code.Unavailable);
    expect(immediateFaultCode(state, result)).toBeNull();
    expect(immediateFaultCode(state, unary)).toBeNull();
    expect(immediateFaultCode({ ...NO_FAULTS, watch: "buffer" }, watch)).toBeNull();
  });

  it("fails unary calls but HealthCheck for the unary fault", () => {
    const state: FaultState = { ...NO_FAULTS, unary: "UNAUTHENTICATED" };
    expect(immediateFaultCode(state, unary)).toBe(Code.Unauthenticated);
    expect(immediateFaultCode({ ...NO_FAULTS, unary: "UNAVAILABLE" }, unary)).toBe(Code.Unavailable);
    expect(immediateFaultCode(state, health)).toBeNull();
    expect(immediateFaultCode(state, watch)).toBeNull();
    expect(immediateFaultCode(NO_FAULTS, unary)).toBeNull();
    expect(immediateFaultCode(state, result)).toBeNull();
  });

  it("fails the result streams (every stream but the watches) for the results fault", () => {
    const state: FaultState = { ...NO_FAULTS, results: "UNAVAILABLE" };
    expect(immediateFaultCode(state, result)).toBe(Code.Unavailable);
    expect(immediateFaultCode(state, { name: "StreamStepResult", stream: true })).toBe(Code.Unavailable);
    expect(immediateFaultCode({ ...NO_FAULTS, results: "UNAUTHENTICATED" }, result)).toBe(Code.Unauthenticated);
    expect(immediateFaultCode(state, watch)).toBeNull();
    expect(immediateFaultCode(state, unary)).toBeNull();
    expect(immediateFaultCode(state, health)).toBeNull();
  });
});

describe("isBuffering", () => {
  it("buffers watch streams only", () => {
    const state: FaultState = { ...NO_FAULTS, watch: "buffer" };
    expect(isBuffering(state, "WatchThread")).toBe(true);
    expect(isBuffering(state, "WatchStep")).toBe(true);
    expect(isBuffering(state, "StreamStepResult")).toBe(false);
    expect(isBuffering(NO_FAULTS, "WatchThread")).toBe(false);
  });
});
