// Plain text, virtualized by display line, with a search box. For non-JSON payloads and for
// outputs too big for the tree view; the text may be held in several parts. Long lines are cut
// into display lines as wide as the view (useWrapColumns), so no line is clipped or scrolls
// sideways, and every row keeps the list's one fixed height.
import { useId, useMemo, useRef, useState } from "react";
import { ScaledList, type ScaledListHandle } from "../steps/ScaledList";
import { findLine, indexLines, lineText } from "./textLines";
import { useWrapColumns } from "./useWrapColumns";
import "./json.css";

/** Display-line width where the view cannot be measured. */
const FALLBACK_COLUMNS = 400;

export interface TextLinesViewProps {
  parts: readonly string[];
  label: string;
  height?: number;
}

export function TextLinesView({ parts, label, height = 360 }: TextLinesViewProps) {
  const { ref: wrapRef, probeRef, columns, measured } = useWrapColumns(FALLBACK_COLUMNS);
  // Not cut before the view is measured (the layout effect measures before the first paint): a
  // big text is indexed once, at the right width.
  const idx = useMemo(() => indexLines(measured ? parts : [], columns), [parts, columns, measured]);
  const [query, setQuery] = useState("");
  const [hit, setHit] = useState(-1);
  const [notFound, setNotFound] = useState(false);
  const listRef = useRef<ScaledListHandle | null>(null);
  const searchId = useId();
  const search = (from: number) => {
    const i = findLine(parts, idx, query, from);
    setHit(i);
    setNotFound(i < 0);
    if (i >= 0) listRef.current?.scrollToIndex(i);
  };
  return (
    <div className="text-view">
      <form
        className="text-view__search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          search(hit + 1);
        }}
      >
        <label htmlFor={searchId} className="visually-hidden">
          Search {label}
        </label>
        <input id={searchId} type="search" className="input" placeholder="Search…" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="btn btn--small" disabled={query === ""}>
          Find next
        </button>
        <span className="muted" aria-live="polite">
          {notFound ? "Not found" : hit >= 0 ? `Line ${(hit + 1).toLocaleString("en-US")} of ${idx.count.toLocaleString("en-US")}` : `${idx.count.toLocaleString("en-US")} lines`}
        </span>
      </form>
      <div ref={wrapRef} className="text-view__wrap">
        <span ref={probeRef} className="json-view-wrap__probe" aria-hidden="true">
          0000000000
        </span>
        <ScaledList
          ref={listRef}
          className="text-view__lines"
          aria-label={label}
          tabIndex={0}
          style={{ height }}
          fallbackHeight={height}
          count={idx.count}
          rowHeight={20}
          renderRow={(i, style) => (
            <div key={i} className={`text-view__line${i === hit ? " text-view__line--hit" : ""}`} style={style}>
              {lineText(parts, idx, i)}
            </div>
          )}
        />
      </div>
    </div>
  );
}
