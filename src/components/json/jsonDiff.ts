// A readable structural diff of two JSON values: one row per leaf, with its path, the value on
// each side and what happened to it. Objects compare by key (the left side's key order first),
// arrays by position. Large inputs are capped, and the cap is reported.

export type DiffKind = "same" | "changed" | "added" | "removed";

export interface DiffRow {
  /** "$", "$.user.name", "$.items[2]", "$[\"odd key\"]". */
  path: string;
  kind: DiffKind;
  /** JSON text of the value on each side (shortened), undefined when absent on that side. */
  left: string | undefined;
  right: string | undefined;
}

export interface JsonDiff {
  rows: DiffRow[];
  /** Rows that are not "same". */
  changes: number;
  /** The row cap was reached: more differences may exist. */
  truncated: boolean;
}

export interface DiffOptions {
  maxRows?: number;
  maxValueChars?: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function diffJson(left: unknown, right: unknown, options: DiffOptions = {}): JsonDiff {
  const maxRows = options.maxRows ?? 5000;
  const maxChars = options.maxValueChars ?? 200;
  const rows: DiffRow[] = [];
  let changes = 0;
  let truncated = false;
  const emit = (path: string, kind: DiffKind, l: unknown, r: unknown, hasL: boolean, hasR: boolean) => {
    if (rows.length >= maxRows) {
      truncated = true;
      return;
    }
    if (kind !== "same") changes++;
    rows.push({
      path,
      kind,
      left: hasL ? preview(l, maxChars) : undefined,
      right: hasR ? preview(r, maxChars) : undefined,
    });
  };
  const walk = (path: string, l: unknown, r: unknown, depth: number): void => {
    if (truncated) return;
    const lk = kindOf(l);
    const rk = kindOf(r);
    if (lk === "object" && rk === "object" && depth < 64) {
      const lo = l as { [key: string]: Json };
      const ro = r as { [key: string]: Json };
      const keys = Object.keys(lo);
      for (const k of Object.keys(ro)) if (!Object.hasOwn(lo, k)) keys.push(k);
      if (keys.length === 0) emit(path, "same", l, r, true, true);
      for (const k of keys) {
        const p = `${path}${keySegment(k)}`;
        const inL = Object.hasOwn(lo, k);
        const inR = Object.hasOwn(ro, k);
        if (inL && inR) walk(p, lo[k], ro[k], depth + 1);
        else if (inL) emit(p, "removed", lo[k], undefined, true, false);
        else emit(p, "added", undefined, ro[k], false, true);
      }
      return;
    }
    if (lk === "array" && rk === "array" && depth < 64) {
      const la = l as Json[];
      const ra = r as Json[];
      if (la.length === 0 && ra.length === 0) emit(path, "same", l, r, true, true);
      const n = Math.max(la.length, ra.length);
      for (let i = 0; i < n; i++) {
        const p = `${path}[${i}]`;
        if (i < la.length && i < ra.length) walk(p, la[i], ra[i], depth + 1);
        else if (i < la.length) emit(p, "removed", la[i], undefined, true, false);
        else emit(p, "added", undefined, ra[i], false, true);
      }
      return;
    }
    emit(path, deepEqual(l, r) ? "same" : "changed", l, r, true, true);
  };
  walk("$", left, right, 0);
  return { rows, changes, truncated };
}

function kindOf(v: unknown): "object" | "array" | "scalar" {
  if (Array.isArray(v)) return "array";
  if (v !== null && typeof v === "object") return "object";
  return "scalar";
}

function keySegment(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function preview(v: unknown, maxChars: number): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? "undefined";
  } catch {
    s = String(v);
  }
  return s.length > maxChars ? `${s.slice(0, maxChars - 1)}…` : s;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ka = kindOf(a);
  if (ka !== kindOf(b)) return false;
  if (ka === "array") {
    const x = a as unknown[];
    const y = b as unknown[];
    return x.length === y.length && x.every((v, i) => deepEqual(v, y[i]));
  }
  if (ka === "object") {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const kx = Object.keys(x);
    if (kx.length !== Object.keys(y).length) return false;
    return kx.every((k) => Object.hasOwn(y, k) && deepEqual(x[k], y[k]));
  }
  return Number.isNaN(a) && Number.isNaN(b);
}
