// One timeline row as the timeline shows it: a label and a tone from the event's kind, and the
// text decoded when the event arrived (src/api/live/eventRecord.ts), or a note that a yield's
// value is no longer kept in memory. Pure; every string it returns is rendered as text.
import type { TimelineRow } from "../../api/live/eventLog";
import { KEPT_YIELD_TEXTS } from "../../api/live/eventLog";
import { EventKind } from "../../api/live/eventRecord";
import { assertNever } from "../../assertNever";

export type EventTone = "info" | "success" | "danger" | "warning" | "neutral";

export interface EventDescription {
  readonly label: string;
  readonly tone: EventTone;
  readonly detail: string;
  /** The text was released (a yield older than the last KEPT_YIELD_TEXTS events). */
  readonly detailNotKept: boolean;
}

export const notKeptDetail = `value no longer kept in this view (older than the last ${KEPT_YIELD_TEXTS.toLocaleString("en-US")} events)`;

function labelAndTone(kind: EventKind, number: number): [string, EventTone] {
  switch (kind) {
    case EventKind.ThreadStarted:
      return ["Thread started", "info"];
    case EventKind.ThreadCompleted:
      return ["Thread completed", "success"];
    case EventKind.ThreadFailed:
      return ["Thread failed", "danger"];
    case EventKind.ThreadCancelled:
      return ["Thread cancelled", "neutral"];
    case EventKind.ThreadPaused:
      return ["Thread paused", "warning"];
    case EventKind.StepStarted:
      return ["Step started", "info"];
    case EventKind.StepCompleted:
      return ["Step completed", "success"];
    case EventKind.StepFailed:
      return ["Step failed", "danger"];
    case EventKind.ValueYielded:
      return [`Yield #${number}`, "neutral"];
    case EventKind.Unknown:
      return ["Unknown event", "neutral"];
    default:
      return assertNever(kind, "event kind");
  }
}

export function describeEvent(row: Pick<TimelineRow, "kind" | "number" | "detail">): EventDescription {
  const [label, tone] = labelAndTone(row.kind, row.number);
  return row.detail === undefined ? { label, tone, detail: notKeptDetail, detailNotKept: true } : { label, tone, detail: row.detail, detailNotKept: false };
}
