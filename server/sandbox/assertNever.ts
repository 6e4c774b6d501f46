/** Exhaustiveness guard for switches over enums and oneof cases. */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`unexpected ${what}: ${String(value)}`);
}
