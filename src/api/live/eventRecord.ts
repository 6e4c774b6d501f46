// One WatchThread event as the live engine keeps it for the timeline: its kind, the step it
// concerns, a number (a yield's index) and one line of text, all decoded once when the event
// arrives. The protobuf message, with a yield's payload bytes, is not kept (about 480 bytes a
// yield; this is about a tenth). Every string here is rendered as text, never as HTML. Pure.
import type { WatchThreadResponse } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { assertNever } from "../../assertNever";

/** The kinds of WatchThread event (stored in a Uint8Array column: keep values below 256). */
export enum EventKind {
  /** A kind this console does not know (a newer server). */
  Unknown = 0,
  ThreadStarted = 1,
  ThreadCompleted = 2,
  ThreadFailed = 3,
  ThreadCancelled = 4,
  ThreadPaused = 5,
  StepStarted = 6,
  StepCompleted = 7,
  StepFailed = 8,
  ValueYielded = 9,
}

export interface EventRecord {
  readonly kind: EventKind;
  readonly stepPath: string;
  /** The yield's index for ValueYielded; 0 otherwise. */
  readonly number: number;
  /** One line of text, at most maxDetailChars. */
  readonly detail: string;
}

export const maxDetailChars = 300;
const decoder = new TextDecoder("utf-8", { fatal: false });

export function truncate(text: string, max = maxDetailChars): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A yielded value (JSON bytes) as one line of text, truncated. */
export function yieldText(data: Uint8Array): string {
  const head = data.subarray(0, maxDetailChars * 4);
  const text = decoder.decode(head).replace(/\s+/g, " ");
  return truncate(data.length > head.length ? `${text}…` : text);
}

/** Whether the engine keeps the event's message too (the fold and the step tree read them). */
export function keepsMessage(kind: EventKind): boolean {
  switch (kind) {
    case EventKind.ThreadStarted:
    case EventKind.ThreadCompleted:
    case EventKind.ThreadFailed:
    case EventKind.ThreadCancelled:
    case EventKind.ThreadPaused:
    case EventKind.StepStarted:
    case EventKind.StepCompleted:
    case EventKind.StepFailed:
      return true;
    case EventKind.ValueYielded:
    case EventKind.Unknown:
      return false;
    default:
      return assertNever(kind, "event kind");
  }
}

export function eventKindOf(event: WatchThreadResponse): EventKind {
  const e = event.event;
  switch (e.case) {
    case "threadStarted":
      return EventKind.ThreadStarted;
    case "threadCompleted":
      return EventKind.ThreadCompleted;
    case "threadFailed":
      return EventKind.ThreadFailed;
    case "threadCancelled":
      return EventKind.ThreadCancelled;
    case "threadPaused":
      return EventKind.ThreadPaused;
    case "stepStarted":
      return EventKind.StepStarted;
    case "stepCompleted":
      return EventKind.StepCompleted;
    case "stepFailed":
      return EventKind.StepFailed;
    case "valueYielded":
      return EventKind.ValueYielded;
    case undefined:
      return EventKind.Unknown;
    default:
      return assertNever(e, "WatchThread event");
  }
}

/** The record of one event. */
export function toEventRecord(event: WatchThreadResponse): EventRecord {
  const e = event.event;
  const r = (kind: EventKind, stepPath: string, detail: string, number = 0): EventRecord => ({
    kind,
    stepPath,
    number,
    detail: truncate(detail),
  });
  switch (e.case) {
    case "threadStarted":
      return r(EventKind.ThreadStarted, "", e.value.totalSteps > 0 ? `${e.value.totalSteps} steps` : "");
    case "threadCompleted":
      return r(EventKind.ThreadCompleted, "", `output ${e.value.outputTotalBytes} bytes`);
    case "threadFailed":
      return r(EventKind.ThreadFailed, e.value.stepPath, e.value.error);
    case "threadCancelled":
      return r(EventKind.ThreadCancelled, "", e.value.reason);
    case "threadPaused":
      return r(EventKind.ThreadPaused, e.value.stepPath, e.value.stepName ? `waiting at ${e.value.stepName}` : "");
    case "stepStarted": {
      const v = e.value;
      const parts = [v.name, v.primitive && `(${v.primitive}${v.tool ? `: ${v.tool}` : ""})`, v.attempt > 1 ? `attempt ${v.attempt}` : ""];
      return r(EventKind.StepStarted, v.stepPath, parts.filter(Boolean).join(" "));
    }
    case "stepCompleted":
      return r(EventKind.StepCompleted, e.value.stepPath, `${e.value.durationMs} ms`);
    case "stepFailed":
      return r(EventKind.StepFailed, e.value.stepPath, `${e.value.recoverable ? "(recoverable) " : ""}${e.value.error}`);
    case "valueYielded": {
      const v = e.value.value;
      return r(EventKind.ValueYielded, v?.stepPath ?? "", v === undefined ? "" : yieldText(v.valueData), Number(v?.index ?? 0n));
    }
    case undefined:
      return r(EventKind.Unknown, "", "an event kind this console does not know");
    default:
      return assertNever(e, "WatchThread event");
  }
}
