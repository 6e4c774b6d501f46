// The JSON viewer's rows: only expanded containers are walked, and a container shows its children
// a page at a time, so a value with a million items costs what is on screen, not what it holds.

export type JsonRow =
  | { kind: "node"; path: string; depth: number; label: string | null; container: "object" | "array" | null; size: number; preview: string }
  | { kind: "more"; path: string; depth: number; shown: number; size: number };

export const PAGE = 500;
export const MAX_PREVIEW = 300;

export function childEntries(v: unknown): [string, unknown, string][] | null {
  if (Array.isArray(v)) return v.map((x, i) => [String(i), x, `[${i}]`]);
  if (v !== null && typeof v === "object") {
    return Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, x, `.${JSON.stringify(k)}`]);
  }
  return null;
}

function containerOf(v: unknown): "object" | "array" | null {
  if (Array.isArray(v)) return "array";
  if (v !== null && typeof v === "object") return "object";
  return null;
}

function sizeOf(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  if (v !== null && typeof v === "object") return Object.keys(v as object).length;
  return 0;
}

export function previewOf(v: unknown): string {
  const c = containerOf(v);
  if (c === "array") return `[ ${sizeOf(v).toLocaleString("en-US")} item${sizeOf(v) === 1 ? "" : "s"} ]`;
  if (c === "object") return `{ ${sizeOf(v).toLocaleString("en-US")} key${sizeOf(v) === 1 ? "" : "s"} }`;
  const s = JSON.stringify(v) ?? String(v);
  return s.length > MAX_PREVIEW ? `${s.slice(0, MAX_PREVIEW)}…` : s;
}

/**
 * Visible rows for the expanded paths. limits: how many children a container shows (PAGE by
 * default). maxRows stops a runaway expansion.
 */
export function jsonRows(
  root: unknown,
  expanded: ReadonlySet<string>,
  limits: ReadonlyMap<string, number> = new Map(),
  maxRows = 500_000,
): JsonRow[] {
  const out: JsonRow[] = [];
  const walk = (v: unknown, path: string, label: string | null, depth: number) => {
    if (out.length >= maxRows) return;
    const container = containerOf(v);
    const size = sizeOf(v);
    out.push({ kind: "node", path, depth, label, container, size, preview: previewOf(v) });
    if (container === null || !expanded.has(path)) return;
    const limit = limits.get(path) ?? PAGE;
    if (container === "array") {
      const a = v as unknown[];
      const n = Math.min(a.length, limit);
      for (let i = 0; i < n; i++) walk(a[i], `${path}[${i}]`, String(i), depth + 1);
    } else {
      const o = v as Record<string, unknown>;
      let i = 0;
      for (const k in o) {
        if (!Object.hasOwn(o, k)) continue;
        if (i++ >= limit) break;
        walk(o[k], `${path}.${JSON.stringify(k)}`, k, depth + 1);
      }
    }
    if (size > limit) out.push({ kind: "more", path, depth: depth + 1, shown: limit, size });
  };
  walk(root, "$", null, 0);
  return out;
}

/** Paths to open at first: the root, and its children when there are few. */
export function initialExpanded(root: unknown): Set<string> {
  const open = new Set<string>(["$"]);
  const entries = childEntries(root);
  if (entries !== null && entries.length <= 20) {
    for (const [, v, seg] of entries) if (containerOf(v) !== null && sizeOf(v) <= 50) open.add(`$${seg}`);
  }
  return open;
}
