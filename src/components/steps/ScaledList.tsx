// A virtualized list of fixed-height rows whose scroll height is capped: beyond the cap one real
// pixel of scrolling moves `factor` virtual pixels, so a million rows stay reachable without an
// element taller than browsers can lay out. Only the visible rows (plus overscan) exist. The rows
// shown are arithmetic on the row height (rowRange), so a render costs the same for 1,000 rows or
// 1,000,000: @tanstack/react-virtual, used here before, rebuilt one measurement object per row
// whenever the count changed (18 ms of a 72 ms expand in a 1,000,000-step tree).
import {
  forwardRef,
  useCallback,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type HTMLAttributes,
  type ReactNode,
} from "react";
import { rowRange, scrollScale, scrollTopFor } from "./scrollScale";

export interface ScaledListHandle {
  scrollToIndex(index: number): void;
  /** Rows that fit in the viewport (for Page Up / Page Down). */
  pageSize(): number;
  focus(): void;
}

export interface ScaledListProps extends Omit<HTMLAttributes<HTMLDivElement>, "children"> {
  count: number;
  rowHeight: number;
  /** Used when the element has no measurable height (tests). */
  fallbackHeight?: number;
  overscan?: number;
  renderRow: (index: number, style: CSSProperties) => ReactNode;
}

export const ScaledList = forwardRef<ScaledListHandle, ScaledListProps>(function ScaledList(
  { count, rowHeight, fallbackHeight = 480, overscan = 4, renderRow, style, ...rest },
  ref,
) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [viewport, setViewport] = useState(fallbackHeight);
  /** The scroll element's scrollTop (real pixels) as last seen; a new list is at its top. */
  const [scrollTop, setScrollTop] = useState(0);
  const scale = scrollScale(count, rowHeight, viewport);
  const factorRef = useRef(scale.factor);
  useLayoutEffect(() => {
    factorRef.current = scale.factor;
  });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el === null) return undefined;
    const report = (height: number) => setViewport(height || fallbackHeight);
    // The observer's own size (its first report comes with the next frame; until then the
    // fallback stands), not clientHeight: reading layout here would force a layout of the whole
    // page (the live timeline included) in the middle of the commit that mounts the list.
    let observer: ResizeObserver | undefined;
    if (typeof ResizeObserver === "undefined") report(el.clientHeight);
    else {
      observer = new ResizeObserver((entries) => report(entries[entries.length - 1]?.contentRect.height ?? el.clientHeight));
      observer.observe(el);
    }
    // Scroll updates render in React's normal (batched) pass: rows are absolutely placed and
    // overscanned, so a frame late costs nothing visible.
    const onScroll = () => setScrollTop(el.scrollTop);
    // Not read now (a layout in the middle of the commit): the next frame reads it.
    const frame = typeof requestAnimationFrame === "function" ? requestAnimationFrame(onScroll) : 0;
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      observer?.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
      el.removeEventListener("scroll", onScroll);
    };
  }, [fallbackHeight]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (el === null || index < 0) return;
      const top = scrollTopFor(index, rowHeight, el.clientHeight || fallbackHeight, el.scrollTop, factorRef.current);
      if (top === null) return;
      el.scrollTop = top;
      setScrollTop(el.scrollTop); // clamped by the browser (layout is fresh after the write)
    },
    [rowHeight, fallbackHeight],
  );
  useImperativeHandle(
    ref,
    () => ({
      scrollToIndex,
      pageSize: () => Math.max(1, Math.floor((scrollRef.current?.clientHeight || fallbackHeight) / rowHeight) - 1),
      focus: () => scrollRef.current?.focus({ preventScroll: true }),
    }),
    [scrollToIndex, fallbackHeight, rowHeight],
  );

  const offset = scrollTop * scale.factor; // virtual pixels
  const shift = offset - scrollTop; // virtual top minus real top
  const { start, end } = rowRange(offset, viewport, rowHeight, count, overscan);
  const rows: ReactNode[] = [];
  for (let index = start; index < end; index++) {
    rows.push(
      renderRow(index, {
        position: "absolute",
        top: 0,
        left: 0,
        right: 0,
        height: rowHeight,
        transform: `translateY(${index * rowHeight - shift}px)`,
      }),
    );
  }
  return (
    <div ref={scrollRef} style={{ overflowY: "auto", position: "relative", contain: "strict", ...style }} {...rest}>
      <div style={{ height: scale.realHeight, position: "relative", width: "100%" }}>{rows}</div>
    </div>
  );
});
