import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { classifyResumeError, explainPrecondition, reasonFromMessage } from "./resumeErrors";
import { badRequest, fakeClient, precondition } from "./testing/fakeScriptum";

async function failureOf(error: ConnectError) {
  const client = fakeClient({
    resumeThread() {
      throw error;
    },
  });
  try {
    await client.resumeThread({ threadId: "t1", stepInputOverrideJson: "{}" });
  } catch (caught) {
    return classifyResumeError(caught);
  }
  throw new Error("expected a failure");
}

describe("classifyResumeError", () => {
  it("reads BadRequest field violations over the wire", async () => {
    expect(await failureOf(badRequest([{ field: "amount", description: "must be positive" }]))).toEqual({
      kind: "rejected",
      violations: [{ field: "amount", description: "must be positive" }],
      message: "invalid answer",
    });
  });

  it("maps FAILED_PRECONDITION by ErrorInfo reason", async () => {
    expect(await failureOf(precondition("ASK_EXPIRED", "x"))).toMatchObject({ kind: "precondition", reason: "expired" });
    expect(await failureOf(precondition("ASK_NO_ATTEMPTS_LEFT", "x"))).toMatchObject({ reason: "no-attempts-left" });
    expect(await failureOf(precondition("THREAD_NOT_PAUSED", "x"))).toMatchObject({ reason: "not-paused" });
  });

  it("falls back to the message when there is no ErrorInfo", async () => {
    expect(await failureOf(new ConnectError("ask expired at 12:00", Code.FailedPrecondition))).toMatchObject({ reason: "expired" });
    expect(await failureOf(new ConnectError("thread thr_1 is not paused", Code.FailedPrecondition))).toMatchObject({
      reason: "not-paused",
    });
    expect(reasonFromMessage("no attempts left")).toBe("no-attempts-left");
    expect(reasonFromMessage("something else")).toBe("unknown");
  });

  it("treats transport failures as uncertain and the rest plainly", async () => {
    expect(await failureOf(new ConnectError("down", Code.Unavailable))).toEqual({ kind: "uncertain", message: "down" });
    expect(classifyResumeError(new TypeError("Failed to fetch"))).toMatchObject({ kind: "uncertain" });
    expect(await failureOf(new ConnectError("who", Code.Unauthenticated))).toMatchObject({ kind: "denied" });
    expect(await failureOf(new ConnectError("gone", Code.NotFound))).toMatchObject({ kind: "not-found" });
  });

  it("explains each reason in plain words", () => {
    expect(explainPrecondition("expired", "")).toMatch(/expired/);
    expect(explainPrecondition("no-attempts-left", "")).toMatch(/no attempts left/);
    expect(explainPrecondition("not-paused", "")).toMatch(/already answered/);
    expect(explainPrecondition("unknown", "odd")).toMatch(/odd/);
  });
});
