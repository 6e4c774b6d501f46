// The JSON viewer (loaded lazily): a collapsible tree over a value parsed off the page's thread,
// with only the rows on screen rendered. Text that is not JSON (or a truncated preview) is shown
// as plain text. Everything from the data is rendered as text. A scalar too long for its row
// offers "show all": its whole JSON text then follows as rows cut to the view's width
// (jsonRows.ts), so the list keeps one row height and nothing is clipped.
import { useEffect, useMemo, useState } from "react";
import { ScaledList } from "../steps/ScaledList";
import { INDENT_COLUMNS, INDENT_PX, initialExpanded, isLong, jsonRows, PAGE, type JsonRow } from "./jsonRows";
import { parseJsonAsync, TREE_MAX, type ParseResult } from "./parseJsonAsync";
import { TextLinesView } from "./TextLinesView";
import { useWrapColumns } from "./useWrapColumns";
import "./json.css";

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
  const [full, setFull] = useState<ReadonlySet<string>>(new Set<string>());
  const { ref: wrapRef, probeRef, columns, charPx } = useWrapColumns(120);
  const indentColumns = charPx > 0 ? INDENT_PX / charPx : INDENT_COLUMNS;
  const rows = useMemo(
    () => jsonRows(value, expanded, limits, 500_000, { columns, full, indentColumns }),
    [value, expanded, limits, columns, full, indentColumns],
  );
  const flip = (set: ReadonlySet<string>, path: string) => {
    const next = new Set(set);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    return next;
  };
  const toggle = (path: string) => setExpanded((prev) => flip(prev, path));
  const toggleFull = (path: string) => setFull((prev) => flip(prev, path));
  const more = (path: string, shown: number) => setLimits((prev) => new Map(prev).set(path, shown + PAGE * 2));
  return (
    <div ref={wrapRef} className="json-view-wrap">
      <span ref={probeRef} className="json-view-wrap__probe" aria-hidden="true">
        0000000000
      </span>
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
          return (
            <JsonRowView
              key={r.kind === "text" ? `text${r.index}${r.path}` : r.kind + r.path}
              row={r}
              style={style}
              open={r.kind === "node" && r.container === null ? full.has(r.path) : expanded.has(r.path)}
              long={isLong(r, columns, indentColumns)}
              onToggle={toggle}
              onToggleFull={toggleFull}
              onMore={more}
            />
          );
        }}
      />
    </div>
  );
}

function JsonRowView({
  row,
  style,
  open,
  long,
  onToggle,
  onToggleFull,
  onMore,
}: {
  row: JsonRow;
  style: React.CSSProperties;
  open: boolean;
  long: boolean;
  onToggle: (path: string) => void;
  onToggleFull: (path: string) => void;
  onMore: (path: string, shown: number) => void;
}) {
  const indent = { paddingLeft: Math.min(row.depth, 30) * INDENT_PX };
  if (row.kind === "more") {
    return (
      <div className="json-row" style={{ ...style, ...indent }}>
        <button type="button" className="btn btn--ghost btn--small" onClick={() => onMore(row.path, row.shown)}>
          … {(row.size - row.shown).toLocaleString("en-US")} more (show {Math.min(PAGE * 2, row.size - row.shown).toLocaleString("en-US")})
        </button>
      </div>
    );
  }
  if (row.kind === "text") {
    return (
      <div className="json-row json-row--text" style={{ ...style, ...indent }} data-path={row.path} data-index={row.index}>
        <span className="json-row__text">{row.text}</span>
      </div>
    );
  }
  const label = row.label === null ? null : <span className="json-row__key">{row.label}: </span>;
  if (row.container === null && (long || open)) {
    const chars = row.chars.toLocaleString("en-US");
    return (
      <div className="json-row" style={{ ...style, ...indent }}>
        <span className="json-row__leaf">
          {label}
          <button
            type="button"
            className="json-row__full"
            aria-expanded={open}
            aria-label={`${open ? "Fold" : "Show all of"} ${row.label ?? "the value"} (${chars} characters)`}
            onClick={() => onToggleFull(row.path)}
          >
            {open ? "▾" : "▸"} {chars} chars
          </button>
          {open ? null : <span className="json-row__value">{row.preview}</span>}
        </span>
      </div>
    );
  }
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
