/** A JS number as a proto int64 (rounded: virtual clocks and rates can produce fractions). */
export function i64(n: number): bigint {
  return Number.isFinite(n) ? BigInt(Math.round(n)) : 0n;
}
