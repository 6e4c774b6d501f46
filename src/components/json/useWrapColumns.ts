// How many monospace characters fit across a virtualized view: its rows have one fixed height,
// so long text is cut into rows of this many characters (never clipped, never wider than the
// view). Measured from the wrapper's width and one character of the views' font; re-measured
// when the wrapper is resized. Where nothing can be measured (tests), `fallback`.
import { useLayoutEffect, useRef, useState } from "react";

/** Pixels of a view's width that text cannot use: borders, row padding, a vertical scrollbar. */
const CHROME_PX = 44;
const MIN_COLUMNS = 16;

export function wrapColumns(widthPx: number, charPx: number, fallback: number): number {
  if (!(widthPx > 0) || !(charPx > 0)) return fallback;
  return Math.max(MIN_COLUMNS, Math.floor((widthPx - CHROME_PX) / charPx) - 1);
}

export function useWrapColumns(fallback: number) {
  const ref = useRef<HTMLDivElement | null>(null);
  const probeRef = useRef<HTMLSpanElement | null>(null);
  const [measure, setMeasure] = useState<{ columns: number; charPx: number; measured: boolean }>({ columns: fallback, charPx: 0, measured: false });
  useLayoutEffect(() => {
    const el = ref.current;
    const probe = probeRef.current;
    if (el === null || probe === null) return;
    let frame = 0;
    const update = () => {
      const charPx = probe.getBoundingClientRect().width / 10;
      const columns = wrapColumns(el.clientWidth, charPx, fallback);
      setMeasure((prev) => (prev.measured && prev.columns === columns && prev.charPx === charPx ? prev : { columns, charPx, measured: true }));
    };
    update();
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => {
      // One re-measure a frame while a pane is dragged wider or narrower.
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(update);
    });
    ro.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
    };
  }, [fallback]);
  /** measured: false on the first render only (before the layout effect): nothing to cut yet. */
  return { ref, probeRef, columns: measure.columns, charPx: measure.charPx, measured: measure.measured };
}
