// Every WatchThread event in sequence order, virtualized (tens of thousands stay smooth), with
// yields listed as they arrive. Follows the end while the reader is at the end. The sequences it
// holds are summarised in data-sequence-ranges (tests compare them with the server's log).
// Rows come from the live engine's compact timeline log (src/api/live/eventLog.ts): every
// sequence is listed; the text of yields older than the last 5,000 events is no longer kept.
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { defaultRangeExtractor, useVirtualizer, type Range, type Virtualizer } from "@tanstack/react-virtual";
import { indexesOfKind, rowAt, type EventLog, type TimelineRow } from "../../api/live/eventLog";
import { EventKind } from "../../api/live/eventRecord";
import { formatClock } from "../common/formatTime";
import { describeEvent } from "./describeEvent";
import { incrementalLogRanges } from "./sequenceRanges";

export interface EventTimelineProps {
  timeline: EventLog;
  missingSequences: number;
  yieldCount: number;
}

const rowHeight = 30;
/** The scroll box's height (threads.css). */
const boxHeight = 420;
/** Rows in view. */
const rowsInView = Math.ceil(boxHeight / rowHeight);
/** The scroll box's own layout: its rows never change the size of the page around it. */
const boxStyle = { contain: "strict" } as const;

// Nothing here reads layout while React commits: the timeline mounts in the same commit as the
// thread page (and later the step tree), and a read (clientHeight, scrollTop) or a scrollTop
// write then lays out the whole page in the middle of that task (50–130 ms with a 100,000-step
// tree loading). Its size comes from a ResizeObserver (the first report arrives with the next
// frame; the box's CSS height stands until then), its offset from scroll events, and following
// the end writes scrollTop in the next animation frame, where the frame lays out anyway.

type TimelineVirtualizer = Virtualizer<HTMLDivElement, Element>;

function observeRect(instance: TimelineVirtualizer, cb: (rect: { width: number; height: number }) => void) {
  const el = instance.scrollElement;
  if (el === null || typeof ResizeObserver === "undefined") return undefined;
  const ro = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1]?.contentRect;
    if (box !== undefined && box.height > 0) cb({ width: box.width, height: box.height });
  });
  ro.observe(el);
  return () => ro.disconnect();
}

export function EventTimeline({ timeline, missingSequences, yieldCount }: EventTimelineProps) {
  const [yieldsOnly, setYieldsOnly] = useState(false);
  // Row i of the list is row indexes[i] of the log (all rows unless filtered).
  const yieldIndexes = useMemo(() => (yieldsOnly ? indexesOfKind(timeline, EventKind.ValueYielded) : undefined), [timeline, yieldsOnly]);
  const count = yieldIndexes?.length ?? timeline.count;
  // Read incrementally: each live flush appends a batch, so only the batch is summarised.
  const [rangesOf] = useState(incrementalLogRanges);
  const ranges = useMemo(() => rangesOf(timeline), [rangesOf, timeline]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  /** The scroll box's scrollTop as last seen in a scroll event or written here (a new box is at 0). */
  const topRef = useRef(0);
  // While following the end, render the last rows in the same commit as the batch that brings
  // them, instead of a frame later when the scroll event from the scrollTop write arrives.
  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    if (!atEnd.current || range.count === 0) return indexes;
    const from = Math.max(0, range.count - 1 - rowsInView - range.overscan);
    const first = indexes[0] ?? range.count;
    const tail: number[] = [];
    for (let i = from; i < range.count; i++) tail.push(i);
    return from <= first ? tail : [...indexes.filter((i) => i < from), ...tail];
  }, []);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    rangeExtractor,
    // Scroll updates render in a normal (batched) React update, not flushSync per scroll event.
    useFlushSync: false,
    initialRect: { width: 0, height: boxHeight },
    observeElementRect: observeRect,
    observeElementOffset: (instance, cb) => {
      const el = instance.scrollElement;
      if (el === null) return undefined;
      let idle: ReturnType<typeof setTimeout> | undefined;
      // Observed at mount, when a new box is at its top: scrollTop is not read until it scrolls.
      cb(topRef.current, false);
      const onScroll = () => {
        topRef.current = el.scrollTop;
        cb(topRef.current, true);
        clearTimeout(idle);
        idle = setTimeout(() => cb(topRef.current, false), 150);
      };
      el.addEventListener("scroll", onScroll, { passive: true });
      return () => {
        clearTimeout(idle);
        el.removeEventListener("scroll", onScroll);
      };
    },
    // The virtualizer "scrolls" to where the box already is when it mounts: writing scrollTop,
    // even unchanged, forces a layout of the page. Only real moves are written.
    scrollToFn: (offset, _options, instance) => {
      const el = instance.scrollElement;
      if (el === null || offset === topRef.current) return;
      el.scrollTop = offset;
      topRef.current = offset;
    },
  });
  const totalSize = virtualizer.getTotalSize();

  // Follow the end while the reader is there: after a commit that changed the list, one
  // scrollTop write in the next animation frame (before that frame's layout and paint, so the
  // end shows in the same frame as the new rows: the range extractor renders the tail already)
  // to the virtualizer's own total size (rows have a fixed height; the browser clamps it).
  // A scroll up by the reader reaches onScroll before the frame's callbacks, so it wins.
  const totalSizeRef = useRef(totalSize);
  /** The smallest total size committed since the last scroll event (see onScroll). */
  const lowTotal = useRef(totalSize);
  const follow = useRef(0);
  useLayoutEffect(() => {
    totalSizeRef.current = totalSize;
    lowTotal.current = Math.min(lowTotal.current, totalSize);
    if (!atEnd.current || count === 0 || follow.current !== 0 || typeof requestAnimationFrame !== "function") return;
    follow.current = requestAnimationFrame(() => {
      follow.current = 0;
      const el = scrollRef.current;
      if (el === null || !atEnd.current) return;
      el.scrollTop = totalSizeRef.current;
      // Its scroll event, or a reader's after it, is judged against the list written to.
      lowTotal.current = totalSizeRef.current;
    });
  }, [count, totalSize]);
  useLayoutEffect(
    () => () => {
      if (follow.current !== 0) cancelAnimationFrame(follow.current);
    },
    [],
  );

  return (
    <section className="event-timeline card" aria-labelledby="event-timeline-title">
      <div className="card__header">
        <h2 id="event-timeline-title">Events</h2>
        <span className="muted" data-testid="event-count">
          {timeline.count} events
          {missingSequences > 0 ? `, ${missingSequences} not sent by the service (sequence gaps)` : ""}
        </span>
        <label className="event-timeline__filter">
          <input type="checkbox" checked={yieldsOnly} onChange={(e) => setYieldsOnly(e.target.checked)} /> Yields only (
          {yieldCount})
        </label>
      </div>
      <div
        ref={scrollRef}
        className="event-timeline__scroll"
        style={boxStyle}
        data-testid="event-timeline"
        data-sequence-ranges={ranges}
        data-event-count={timeline.count}
        // A scrollable region must be reachable with the keyboard.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        role="log"
        aria-label="Thread events"
        onScroll={(e) => {
          // In a scroll event layout is up to date: these reads cost nothing. The scroll happened
          // up to a frame ago: a batch committed since may have made the list taller, so "at the
          // end" is judged against the shortest list committed since the last scroll event (the
          // scroll event of a follow write, or a reader who scrolled to the end, stays at the end).
          const el = e.currentTarget;
          const end = Math.min(el.scrollHeight, lowTotal.current);
          atEnd.current = el.scrollTop + el.clientHeight >= end - rowHeight;
          lowTotal.current = totalSizeRef.current;
        }}
      >
        {count === 0 ? (
          <p className="muted event-timeline__empty">{yieldsOnly ? "No yields yet." : "No events yet."}</p>
        ) : (
          <ol className="event-timeline__list" style={{ height: totalSize }}>
            {virtualizer.getVirtualItems().map((item) => {
              const index = yieldIndexes === undefined ? item.index : yieldIndexes[item.index];
              if (index === undefined || index >= timeline.count) return null;
              const row = rowAt(timeline, index);
              return <EventRow key={row.sequence} {...row} start={item.start} />;
            })}
          </ol>
        )}
      </div>
    </section>
  );
}

// One event row; memoized (on its fields) so a flush renders only the rows that are new on screen.
const EventRow = memo(function EventRow(props: TimelineRow & { start: number }) {
  const { sequence, atMs, stepPath, start } = props;
  const d = describeEvent(props);
  return (
    <li
      className={`event-row event-row--${d.tone}`}
      data-sequence={sequence}
      style={{ transform: `translateY(${start}px)`, height: rowHeight }}
    >
      <span className="event-row__seq">#{sequence}</span>
      <span className="event-row__time">{atMs > 0 ? formatClock(atMs) : ""}</span>
      <span className="event-row__label">{d.label}</span>
      <span className="event-row__step">{stepPath !== "" ? <code>{stepPath}</code> : null}</span>
      <span className={d.detailNotKept ? "event-row__detail muted" : "event-row__detail"} title={d.detail}>
        {d.detail}
      </span>
    </li>
  );
});
