// Reconnect delays: exponential from 0.5 s, capped at 30 s, with ±20 % jitter so that many
// browsers do not reconnect at the same instant after a server restart. Pure.
export const backoffBaseMs = 500;
export const backoffMaxMs = 30_000;
const jitter = 0.2;

/** Delay before reconnect attempt `attempt` (1-based). `random` is in [0, 1). */
export function backoffDelayMs(attempt: number, random: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 16));
  const base = Math.min(backoffMaxMs, backoffBaseMs * 2 ** exponent);
  const factor = 1 - jitter + 2 * jitter * Math.min(Math.max(random, 0), 1);
  return Math.round(Math.min(backoffMaxMs, base * factor));
}
