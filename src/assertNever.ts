// Exhaustive switches: a new enum value or oneof case becomes a compile error here.
export function assertNever(value: never, what = "value"): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
