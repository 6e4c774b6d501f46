import { describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { CallHeldError } from "./errors";
import { MAX_RETRIES, retryDelayMs, shouldRetry } from "./queryClient";

describe("shouldRetry", () => {
  it.each([
    Code.InvalidArgument,
    Code.NotFound,
    Code.FailedPrecondition,
    Code.Unimplemented,
    Code.Unauthenticated,
    Code.PermissionDenied,
  ])("never retries code %s", (code) => {
    expect(shouldRetry(0, new ConnectError("no", code))).toBe(false);
  });

  it.each([Code.Unavailable, Code.DeadlineExceeded, Code.Internal, Code.Unknown, Code.ResourceExhausted])(
    "retries transient code %s a few times",
    (code) => {
      const error = new ConnectError("try again", code);
      expect(shouldRetry(0, error)).toBe(true);
      expect(shouldRetry(MAX_RETRIES - 1, error)).toBe(true);
      expect(shouldRetry(MAX_RETRIES, error)).toBe(false);
    },
  );

  it("does not retry a call the call gate held back (the retry would be held too)", () => {
    expect(shouldRetry(0, new CallHeldError("not sent: the service has been unreachable", Code.Unavailable))).toBe(false);
    expect(shouldRetry(0, new ConnectError("unreachable", Code.Unavailable))).toBe(true);
  });

  it("does not retry errors that are not from a call (bugs)", () => {
    expect(shouldRetry(0, new TypeError("undefined is not a function"))).toBe(false);
  });
});

describe("retryDelayMs", () => {
  it("doubles from 0.5 s up to 10 s, with at most 25 % jitter", () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 8].map((n) => retryDelayMs(n, middle))).toEqual([
      500, 1000, 2000, 4000, 8000, 10000, 10000,
    ]);
    expect(retryDelayMs(0, () => 0)).toBe(375);
    expect(retryDelayMs(0, () => 0.999999)).toBeLessThanOrEqual(625);
  });
});
