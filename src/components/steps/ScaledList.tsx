// A virtualized list (@tanstack/react-virtual) whose scroll height is capped: beyond the cap one
// real pixel of scrolling moves `factor` virtual pixels, so a million rows stay reachable without
// an element taller than browsers can lay out. Only the visible rows (plus overscan) exist.
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
import { useVirtualizer } from "@tanstack/react-virtual";
import { scrollScale, scrollTopFor } from "./scrollScale";

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
  const scale = scrollScale(count, rowHeight, viewport);
  const factorRef = useRef(scale.factor);
  /** The scroll element's scrollTop as last seen or set (a new list is at its top). */
  const topRef = useRef(0);
  useLayoutEffect(() => {
    factorRef.current = scale.factor;
  });

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    // Scroll updates render in React's normal (batched) pass, not in a flushSync inside the scroll
    // handler: rows are absolutely placed and overscanned, so a frame late costs nothing visible.
    useFlushSync: false,
    initialRect: { width: 0, height: fallbackHeight },
    observeElementRect: (instance, cb) => {
      const el = instance.scrollElement;
      if (el === null) return undefined;
      const report = (width: number, height: number) => {
        const h = height || fallbackHeight;
        setViewport(h);
        cb({ width, height: h });
      };
      if (typeof ResizeObserver === "undefined") {
        report(el.clientWidth, el.clientHeight);
        return undefined;
      }
      // The observer's own size (its first report comes with the next frame; until then the
      // initial rect stands), not clientHeight: reading layout here would force a layout of the
      // whole page (the live timeline included) in the middle of the commit that mounts the tree.
      const ro = new ResizeObserver((entries) => {
        const box = entries[entries.length - 1]?.contentRect;
        if (box !== undefined) report(box.width, box.height);
        else report(el.clientWidth, el.clientHeight);
      });
      ro.observe(el);
      return () => ro.disconnect();
    },
    observeElementOffset: (instance, cb) => {
      const el = instance.scrollElement;
      if (el === null) return undefined;
      let idle: ReturnType<typeof setTimeout> | undefined;
      const onScroll = () => {
        topRef.current = el.scrollTop;
        cb(topRef.current * factorRef.current, true);
        clearTimeout(idle);
        idle = setTimeout(() => {
          topRef.current = el.scrollTop;
          cb(topRef.current * factorRef.current, false);
        }, 120);
      };
      // Observed once, at mount, when the list is at its top: reading scrollTop now would force
      // a layout of the whole page in the middle of the commit. The next frame reads it anyway.
      cb(0, false);
      const frame =
        typeof requestAnimationFrame === "function"
          ? requestAnimationFrame(() => {
              topRef.current = el.scrollTop;
              cb(topRef.current * factorRef.current, false);
            })
          : 0;
      el.addEventListener("scroll", onScroll, { passive: true });
      return () => {
        clearTimeout(idle);
        if (frame !== 0) cancelAnimationFrame(frame);
        el.removeEventListener("scroll", onScroll);
      };
    },
    scrollToFn: (offset, _options, instance) => {
      const el = instance.scrollElement;
      const top = offset / factorRef.current;
      // Writing scrollTop forces a layout of the page even when it does not move: the virtualizer
      // "scrolls" to where the list already is when it mounts, in the middle of the commit.
      if (el === null || top === topRef.current) return;
      el.scrollTop = top;
      topRef.current = el.scrollTop; // clamped by the browser (layout is fresh after the write)
    },
  });

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (el === null || index < 0) return;
      const top = scrollTopFor(index, rowHeight, el.clientHeight || fallbackHeight, el.scrollTop, factorRef.current);
      if (top === null) return;
      el.scrollTop = top;
      topRef.current = el.scrollTop;
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

  const offset = virtualizer.scrollOffset ?? 0;
  const shift = offset - offset / scale.factor; // virtual top minus real top
  return (
    <div ref={scrollRef} style={{ overflowY: "auto", position: "relative", contain: "strict", ...style }} {...rest}>
      <div style={{ height: scale.realHeight, position: "relative", width: "100%" }}>
        {virtualizer.getVirtualItems().map((item) =>
          renderRow(item.index, {
            position: "absolute",
            top: 0,
            left: 0,
            right: 0,
            height: rowHeight,
            transform: `translateY(${item.start - shift}px)`,
          }),
        )}
      </div>
    </div>
  );
});
