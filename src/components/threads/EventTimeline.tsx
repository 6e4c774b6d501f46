// Every WatchThread event in sequence order, virtualized (tens of thousands stay smooth), with
// yields listed as they arrive. Follows the end while the reader is at the end. The sequences it
// holds are summarised in data-sequence-ranges (tests compare them with the server's log).
// Rows come from the live engine's compact timeline log (src/api/live/eventLog.ts): every
// sequence is listed; the text of yields older than the last 5,000 events is no longer kept.
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
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
/** Rows in view: the scroll box is 420 px high (threads.css). */
const rowsInView = Math.ceil(420 / rowHeight);

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
  });
  const totalSize = virtualizer.getTotalSize();

  // Follow the end while the reader is there: one scrollTop write per commit, before paint, to
  // the virtualizer's own total size (rows have a fixed height), so nothing reads layout here
  // (scrollToIndex measured the scroll element on every batch). The browser clamps the offset.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el !== null && atEnd.current && count > 0) el.scrollTop = totalSize;
  }, [count, totalSize]);

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
        data-testid="event-timeline"
        data-sequence-ranges={ranges}
        data-event-count={timeline.count}
        // A scrollable region must be reachable with the keyboard.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        role="log"
        aria-label="Thread events"
        onScroll={(e) => {
          const el = e.currentTarget;
          atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
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
