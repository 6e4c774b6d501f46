// Exhaustive switches: a new enum value or oneof case becomes a compile error here.
export function assertNever(value: never, what = "value"): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}

/**
 * For values that come off the wire: exhaustive at compile time like assertNever, but at run time
 * an enum number from a newer server (proto3 enums are open) degrades to `fallback` instead of
 * throwing, so the page shows "Unknown (99)" rather than an error.
 */
export function unknownFromWire<T>(_value: never, fallback: T): T {
  return fallback;
}
