// The QueryClient defaults: answers that will not change on a retry (bad input, missing thread,
// refused resume, unimplemented RPC, bad credentials) are never retried; transient failures are
// retried a few times with exponential backoff and jitter. A call the call gate held back (the
// service is unreachable or refused the credentials) is not retried either: a retry would be held
// too; the gate itself decides when the next call may go (api/callGate.ts).
import { QueryClient } from "@tanstack/react-query";
import { isHeldByGate, isRetryableError } from "./errors";

export const MAX_RETRIES = 3;

export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_RETRIES && isRetryableError(error) && !isHeldByGate(error);
}

/** 0.5 s, 1 s, 2 s… capped at 10 s, each with ±25 % jitter so clients do not retry in step. */
export function retryDelayMs(attemptIndex: number, random: () => number = Math.random): number {
  const base = Math.min(500 * 2 ** attemptIndex, 10_000);
  const jitter = 1 + (random() * 2 - 1) * 0.25;
  return Math.round(base * jitter);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay: (attemptIndex) => retryDelayMs(attemptIndex),
        staleTime: 5_000,
      },
      mutations: {
        retry: false,
      },
    },
  });
}
