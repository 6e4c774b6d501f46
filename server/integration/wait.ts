// Waiting helpers for integration tests: poll a condition until a deadline (never a bare sleep).
import { Code, ConnectError } from "@connectrpc/connect";
import { expect } from "vitest";

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 20_000,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Asserts that the promise rejects with a ConnectError of this code; returns the error. */
export async function expectCode(promise: Promise<unknown>, code: Code): Promise<ConnectError> {
  try {
    await promise;
  } catch (error) {
    const connectError = ConnectError.from(error);
    expect(Code[connectError.code], connectError.message).toBe(Code[code]);
    return connectError;
  }
  throw new Error(`expected ${Code[code]}, but the call succeeded`);
}
