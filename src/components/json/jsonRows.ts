// The JSON viewer's rows: only expanded containers are walked, and a container shows its children
// a page at a time, so a value with a million items costs what is on screen, not what it holds.
// A scalar too long for its row (a 20,000-character string) can be opened in full: its JSON text
// follows it as "text" rows of at most `columns` characters each, so every row keeps the one
// fixed height of the virtualized list and nothing is clipped or wider than the view.

export type JsonRow =
  | {
      kind: "node";
      path: string;
      depth: number;
      label: string | null;
      container: "object" | "array" | null;
      size: number;
      preview: string;
      /** A scalar's JSON text length (0 for containers). */
      chars: number;
    }
  | { kind: "more"; path: string; depth: number; shown: number; size: number }
  | { kind: "text"; path: string; depth: number; index: number; text: string };

export interface WrapOptions {
  /** Characters a row holds at depth 0; each level of indentation takes INDENT_COLUMNS. */
  columns: number;
  /** Scalars shown in full (as text rows). */
  full: ReadonlySet<string>;
  /** Characters one level of indentation takes (INDENT_PX over the font's character width). */
  indentColumns?: number;
}

/** Indentation of one level in the view, in pixels. */
export const INDENT_PX = 14;
/** Indentation of one level in characters, when the font is not measured. */
export const INDENT_COLUMNS = 2;
const MIN_TEXT_COLUMNS = 16;

/** Characters a text row holds at `depth`. */
export function textColumns(columns: number, depth: number, indentColumns = INDENT_COLUMNS): number {
  return Math.max(MIN_TEXT_COLUMNS, columns - Math.ceil(Math.min(depth, 30) * indentColumns));
}

/** Whether a scalar's row cannot show all of it: its row then offers "show all". */
export function isLong(row: JsonRow, columns: number, indentColumns = INDENT_COLUMNS): boolean {
  if (row.kind !== "node" || row.container !== null) return false;
  // The key, ": ", and the leaf's own 1rem of padding (~2 characters).
  const key = (row.label === null ? 0 : row.label.length + 2) + 2;
  return row.chars > MAX_PREVIEW || key + row.chars > textColumns(columns, row.depth, indentColumns);
}

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
  const s = scalarText(v);
  return s.length > MAX_PREVIEW ? `${s.slice(0, MAX_PREVIEW)}…` : s;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function scalarText(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
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
  wrap?: WrapOptions,
): JsonRow[] {
  const out: JsonRow[] = [];
  const walk = (v: unknown, path: string, label: string | null, depth: number) => {
    if (out.length >= maxRows) return;
    const container = containerOf(v);
    const size = sizeOf(v);
    if (container === null) {
      const text = scalarText(v);
      const preview = text.length > MAX_PREVIEW ? `${text.slice(0, MAX_PREVIEW)}…` : text;
      out.push({ kind: "node", path, depth, label, container, size, preview, chars: text.length });
      if (wrap !== undefined && wrap.full.has(path)) {
        const width = textColumns(wrap.columns, depth + 1, wrap.indentColumns);
        for (let at = 0, index = 0; at < text.length && out.length < maxRows; index++) {
          let end = Math.min(text.length, at + width);
          // Never split a surrogate pair across two rows.
          if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
          out.push({ kind: "text", path, depth: depth + 1, index, text: text.slice(at, end) });
          at = end;
        }
      }
      return;
    }
    out.push({ kind: "node", path, depth, label, container, size, preview: previewOf(v), chars: 0 });
    if (!expanded.has(path)) return;
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
