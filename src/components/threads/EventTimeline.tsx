// Every WatchThread event in sequence order, virtualized (tens of thousands stay smooth), with
// yields listed as they arrive. Follows the end while the reader is at the end. The sequences it
// holds are summarised in data-sequence-ranges (tests compare them with the server's log).
import { useEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { WatchThreadResponse } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { formatClock } from "../common/formatTime";
import { describeEvent } from "./describeEvent";
import { sequenceRanges } from "./sequenceRanges";

export interface EventTimelineProps {
  events: readonly WatchThreadResponse[];
  missingSequences: number;
  yieldCount: number;
}

const rowHeight = 30;

export function EventTimeline({ events, missingSequences, yieldCount }: EventTimelineProps) {
  const [yieldsOnly, setYieldsOnly] = useState(false);
  const rows = useMemo(
    () => (yieldsOnly ? events.filter((e) => e.event.case === "valueYielded") : events),
    [events, yieldsOnly],
  );
  const ranges = useMemo(() => sequenceRanges(events.map((e) => e.sequence)), [events]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });

  useEffect(() => {
    if (atEnd.current && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: "end" });
  }, [rows.length, virtualizer]);

  return (
    <section className="event-timeline card" aria-labelledby="event-timeline-title">
      <div className="card__header">
        <h2 id="event-timeline-title">Events</h2>
        <span className="muted" data-testid="event-count">
          {events.length} events
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
        data-event-count={events.length}
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
        {rows.length === 0 ? (
          <p className="muted event-timeline__empty">{yieldsOnly ? "No yields yet." : "No events yet."}</p>
        ) : (
          <ol className="event-timeline__list" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const event = rows[item.index];
              if (event === undefined) return null;
              const d = describeEvent(event);
              return (
                <li
                  key={String(event.sequence)}
                  className={`event-row event-row--${d.tone}`}
                  data-sequence={String(event.sequence)}
                  style={{ transform: `translateY(${item.start}px)`, height: rowHeight }}
                >
                  <span className="event-row__seq">#{String(event.sequence)}</span>
                  <span className="event-row__time">{event.occurredAtMs > 0n ? formatClock(event.occurredAtMs) : ""}</span>
                  <span className="event-row__label">{d.label}</span>
                  <span className="event-row__step">{d.stepPath !== "" ? <code>{d.stepPath}</code> : null}</span>
                  <span className="event-row__detail" title={d.detail}>
                    {d.detail}
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </section>
  );
}
