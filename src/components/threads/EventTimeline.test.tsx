import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { appendEvent, emptyEventLog, type EventLog } from "../../api/live/eventLog";
import { EventKind } from "../../api/live/eventRecord";
import { EventTimeline } from "./EventTimeline";

const rowHeight = 30;
const boxHeight = 420;

function logOf(count: number, from: EventLog = emptyEventLog()): EventLog {
  let log = from;
  for (let s = log.count + 1; s <= count; s++) log = appendEvent(log, s, 0, { kind: EventKind.ValueYielded, stepPath: "1", number: s, detail: `v${s}` });
  return log;
}

/**
 * A fake layout on every element (jsdom has none): counts each layout read and scrollTop write,
 * and answers the scroll box's geometry (its list is count × 30 px high).
 */
function fakeLayout() {
  const layout = { reads: 0, writes: [] as number[], top: 0, rows: 0 };
  const max = () => Math.max(0, layout.rows * rowHeight - boxHeight);
  const saved = new Map<string, PropertyDescriptor | undefined>();
  const define = (name: string, desc: PropertyDescriptor) => {
    saved.set(name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name));
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, ...desc });
  };
  define("scrollTop", {
    get() {
      layout.reads++;
      return layout.top;
    },
    set(v: number) {
      layout.writes.push(v);
      layout.top = Math.min(Math.max(0, v), max());
    },
  });
  for (const [name, value] of [
    ["clientHeight", () => boxHeight],
    ["clientWidth", () => 800],
    ["scrollHeight", () => layout.rows * rowHeight],
    ["offsetHeight", () => boxHeight],
    ["offsetWidth", () => 800],
  ] as const) {
    define(name, {
      get() {
        layout.reads++;
        return value();
      },
    });
  }
  const restore = () => {
    for (const [name, desc] of saved) {
      if (desc === undefined) Reflect.deleteProperty(HTMLElement.prototype, name);
      else Object.defineProperty(HTMLElement.prototype, name, desc);
    }
  };
  return { layout, restore };
}

describe("EventTimeline", () => {
  let frames: FrameRequestCallback[] = [];
  let fake: ReturnType<typeof fakeLayout>;
  const runFrames = () =>
    act(() => {
      const due = frames;
      frames = [];
      for (const cb of due) cb(performance.now());
    });
  beforeEach(() => {
    frames = [];
    vi.spyOn(window, "requestAnimationFrame").mockImplementation((cb) => frames.push(cb));
    vi.spyOn(window, "cancelAnimationFrame").mockImplementation((id) => {
      frames[id - 1] = () => undefined;
    });
    fake = fakeLayout();
  });
  afterEach(() => {
    fake.restore();
    vi.restoreAllMocks();
  });

  const rendered = () => screen.queryAllByRole("listitem").map((li) => Number(li.getAttribute("data-sequence")));

  it("mounts and renders a batch without reading layout or writing scrollTop in the commit", () => {
    fake.layout.rows = 500;
    const { rerender } = render(<EventTimeline timeline={emptyEventLog()} missingSequences={0} yieldCount={0} />);
    rerender(<EventTimeline timeline={logOf(500)} missingSequences={0} yieldCount={500} />);
    expect(fake.layout.reads).toBe(0);
    expect(fake.layout.writes).toEqual([]);
    // The last rows are rendered in the commit that brings them.
    expect(rendered()).toContain(500);
    expect(screen.getByTestId("event-timeline")).toHaveAttribute("data-sequence-ranges", "1-500");
  });

  it("follows the end in the next frame while the reader is at the end", () => {
    fake.layout.rows = 200;
    const { rerender } = render(<EventTimeline timeline={logOf(200)} missingSequences={0} yieldCount={200} />);
    expect(fake.layout.writes).toEqual([]);
    runFrames();
    expect(fake.layout.writes).toEqual([200 * rowHeight]);
    expect(fake.layout.top).toBe(200 * rowHeight - boxHeight);
    fireEvent.scroll(screen.getByTestId("event-timeline"));

    fake.layout.rows = 260;
    rerender(<EventTimeline timeline={logOf(260, logOf(200))} missingSequences={0} yieldCount={260} />);
    expect(rendered()).toContain(260);
    runFrames();
    expect(fake.layout.writes).toEqual([200 * rowHeight, 260 * rowHeight]);
    expect(fake.layout.top).toBe(260 * rowHeight - boxHeight);
  });

  it("keeps the reader's position once they scroll up, and follows again at the end", () => {
    fake.layout.rows = 200;
    let log = logOf(200);
    const { rerender } = render(<EventTimeline timeline={log} missingSequences={0} yieldCount={200} />);
    runFrames();
    const box = screen.getByTestId("event-timeline");
    fake.layout.top = 1500;
    fireEvent.scroll(box);
    const writes = fake.layout.writes.length;

    fake.layout.rows = 300;
    log = logOf(300, log);
    rerender(<EventTimeline timeline={log} missingSequences={0} yieldCount={300} />);
    runFrames();
    expect(fake.layout.writes.length).toBe(writes);
    expect(fake.layout.top).toBe(1500);
    expect(rendered()).not.toContain(300);
    expect(screen.getByTestId("event-timeline")).toHaveAttribute("data-sequence-ranges", "1-300");

    // Back at the end: the next batch is followed again.
    fake.layout.top = 300 * rowHeight - boxHeight;
    fireEvent.scroll(box);
    fake.layout.rows = 320;
    log = logOf(320, log);
    rerender(<EventTimeline timeline={log} missingSequences={0} yieldCount={320} />);
    runFrames();
    expect(fake.layout.writes.at(-1)).toBe(320 * rowHeight);
    expect(rendered()).toContain(320);
  });

  it("keeps following when the scroll event of its own write arrives after the next batch", () => {
    fake.layout.rows = 100;
    let log = logOf(100);
    const { rerender } = render(<EventTimeline timeline={log} missingSequences={0} yieldCount={100} />);
    runFrames(); // writes the end of 100 rows; its scroll event is still to come
    fake.layout.rows = 150;
    log = logOf(150, log);
    rerender(<EventTimeline timeline={log} missingSequences={0} yieldCount={150} />);
    // The scroll event now: the list is taller, the box is not at its end, but it did not move up.
    fireEvent.scroll(screen.getByTestId("event-timeline"));
    runFrames();
    expect(fake.layout.writes.at(-1)).toBe(150 * rowHeight);
    expect(fake.layout.top).toBe(150 * rowHeight - boxHeight);
  });

  it("a reader who scrolls to the end follows again even when a batch lands before the scroll event", () => {
    fake.layout.rows = 100;
    let log = logOf(100);
    const { rerender } = render(<EventTimeline timeline={log} missingSequences={0} yieldCount={100} />);
    runFrames();
    const box = screen.getByTestId("event-timeline");
    fake.layout.top = 0;
    fireEvent.scroll(box);
    fake.layout.top = 100 * rowHeight - boxHeight; // scrolled to the end...
    fake.layout.rows = 110;
    log = logOf(110, log);
    rerender(<EventTimeline timeline={log} missingSequences={0} yieldCount={110} />); // ...a batch first...
    fireEvent.scroll(box); // ...then the scroll event
    fake.layout.rows = 120;
    log = logOf(120, log);
    rerender(<EventTimeline timeline={log} missingSequences={0} yieldCount={120} />);
    runFrames();
    expect(fake.layout.top).toBe(120 * rowHeight - boxHeight);
  });

  it("a scroll up between the batch and the frame wins over following", () => {
    fake.layout.rows = 100;
    let log = logOf(100);
    const { rerender } = render(<EventTimeline timeline={log} missingSequences={0} yieldCount={100} />);
    runFrames();
    fireEvent.scroll(screen.getByTestId("event-timeline"));
    const writes = fake.layout.writes.length;
    fake.layout.rows = 150;
    log = logOf(150, log);
    rerender(<EventTimeline timeline={log} missingSequences={0} yieldCount={150} />);
    fake.layout.top = 600;
    fireEvent.scroll(screen.getByTestId("event-timeline"));
    runFrames();
    expect(fake.layout.writes.length).toBe(writes);
    expect(fake.layout.top).toBe(600);
  });
});
