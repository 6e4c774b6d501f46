// Step paths such as "1", "2.0", "1.2.0": dot-separated numeric segments. Ordering compares the
// segments as numbers ("1.10" after "1.9"), and a parent sorts before its children.

export function parseStepPath(path: string): number[] | undefined {
  if (!/^\d+(\.\d+)*$/.test(path)) return undefined;
  return path.split(".").map(Number);
}

export function compareStepPaths(a: string, b: string): number {
  const sa = a.split(".");
  const sb = b.split(".");
  const n = Math.min(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const d = Number(sa[i]) - Number(sb[i]);
    if (d !== 0) return d;
  }
  return sa.length - sb.length;
}

/** "1.2.0" → ["1", "1.2"]. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split(".");
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join("."));
  return out;
}
