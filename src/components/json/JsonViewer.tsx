// The JSON viewer (loaded lazily): a collapsible tree over a value parsed off the page's thread,
// with only the rows on screen rendered. Text that is not JSON (or a truncated preview) is shown
// as plain text. Everything from the data is rendered as text.
import { useEffect, useMemo, useState } from "react";
import { ScaledList } from "../steps/ScaledList";
import { initialExpanded, jsonRows, PAGE, type JsonRow } from "./jsonRows";
import { parseJsonAsync, TREE_MAX, type ParseResult } from "./parseJsonAsync";
import { TextLinesView } from "./TextLinesView";

export interface JsonViewerProps {
  text: string;
  label: string;
  height?: number;
}

export default function JsonViewer({ text, label, height = 360 }: JsonViewerProps) {
  const [parsed, setParsed] = useState<{ text: string; result: ParseResult } | null>(null);
  useEffect(() => {
    let live = true;
    if (text.length > TREE_MAX || text.trim() === "") return;
    void parseJsonAsync(text).then((result) => {
      if (live) setParsed({ text, result });
    });
    return () => {
      live = false;
    };
  }, [text]);
  const parts = useMemo(() => [text], [text]);
  if (text.trim() === "") return <p className="muted">(empty)</p>;
  if (text.length > TREE_MAX) {
    return (
      <>
        <p className="muted">Too large for the tree view: shown as text.</p>
        <TextLinesView parts={parts} label={label} height={height} />
      </>
    );
  }
  if (parsed === null || parsed.text !== text) return <p className="muted" role="status">Parsing…</p>;
  if (!parsed.result.ok) return <TextLinesView parts={parts} label={label} height={height} />;
  return <JsonTree key={text.length} value={parsed.result.value} label={label} height={height} />;
}

function JsonTree({ value, label, height }: { value: unknown; label: string; height: number }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => initialExpanded(value));
  const [limits, setLimits] = useState<ReadonlyMap<string, number>>(new Map());
  const rows = useMemo(() => jsonRows(value, expanded, limits), [value, expanded, limits]);
  const toggle = (path: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const more = (path: string, shown: number) => setLimits((prev) => new Map(prev).set(path, shown + PAGE * 2));
  return (
    <ScaledList
      className="json-view"
      aria-label={label}
      role="group"
      style={{ height: Math.min(height, Math.max(60, rows.length * 22 + 4)) }}
      fallbackHeight={height}
      count={rows.length}
      rowHeight={22}
      renderRow={(i, style) => {
        const r = rows[i] as JsonRow;
        return <JsonRowView key={r.kind + r.path} row={r} style={style} open={expanded.has(r.path)} onToggle={toggle} onMore={more} />;
      }}
    />
  );
}

function JsonRowView({
  row,
  style,
  open,
  onToggle,
  onMore,
}: {
  row: JsonRow;
  style: React.CSSProperties;
  open: boolean;
  onToggle: (path: string) => void;
  onMore: (path: string, shown: number) => void;
}) {
  const indent = { paddingLeft: Math.min(row.depth, 30) * 14 };
  if (row.kind === "more") {
    return (
      <div className="json-row" style={{ ...style, ...indent }}>
        <button type="button" className="btn btn--ghost btn--small" onClick={() => onMore(row.path, row.shown)}>
          … {(row.size - row.shown).toLocaleString("en-US")} more (show {Math.min(PAGE * 2, row.size - row.shown).toLocaleString("en-US")})
        </button>
      </div>
    );
  }
  const label = row.label === null ? null : <span className="json-row__key">{row.label}: </span>;
  return (
    <div className="json-row" style={{ ...style, ...indent }}>
      {row.container !== null && row.size > 0 ? (
        <button type="button" className="json-row__toggle" aria-expanded={open} onClick={() => onToggle(row.path)}>
          <span aria-hidden="true">{open ? "▾" : "▸"}</span>
          {label}
          <span className="json-row__meta">{row.preview}</span>
        </button>
      ) : (
        <span className="json-row__leaf">
          {label}
          <span className={row.container === null ? "json-row__value" : "json-row__meta"}>{row.preview}</span>
        </span>
      )}
    </div>
  );
}
