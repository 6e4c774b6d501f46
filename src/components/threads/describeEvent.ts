// One WatchThread event as the timeline shows it: a label, the step it concerns, and a detail
// line. Pure; every string it returns is rendered as text (never HTML).
import type { WatchThreadResponse } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { assertNever } from "../../assertNever";

export type EventTone = "info" | "success" | "danger" | "warning" | "neutral";

export interface EventDescription {
  readonly label: string;
  readonly stepPath: string;
  readonly detail: string;
  readonly tone: EventTone;
  readonly isYield: boolean;
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

export function describeEvent(event: WatchThreadResponse): EventDescription {
  const e = event.event;
  const d = (label: string, tone: EventTone, stepPath = "", detail = "", isYield = false): EventDescription => ({
    label,
    tone,
    stepPath,
    detail: truncate(detail),
    isYield,
  });
  switch (e.case) {
    case "threadStarted":
      return d("Thread started", "info", "", e.value.totalSteps > 0 ? `${e.value.totalSteps} steps` : "");
    case "threadCompleted":
      return d("Thread completed", "success", "", `output ${e.value.outputTotalBytes} bytes`);
    case "threadFailed":
      return d("Thread failed", "danger", e.value.stepPath, e.value.error);
    case "threadCancelled":
      return d("Thread cancelled", "neutral", "", e.value.reason);
    case "threadPaused":
      return d("Thread paused", "warning", e.value.stepPath, e.value.stepName ? `waiting at ${e.value.stepName}` : "");
    case "stepStarted": {
      const v = e.value;
      const parts = [v.name, v.primitive && `(${v.primitive}${v.tool ? `: ${v.tool}` : ""})`, v.attempt > 1 ? `attempt ${v.attempt}` : ""];
      return d("Step started", "info", v.stepPath, parts.filter(Boolean).join(" "));
    }
    case "stepCompleted":
      return d("Step completed", "success", e.value.stepPath, `${e.value.durationMs} ms`);
    case "stepFailed":
      return d("Step failed", "danger", e.value.stepPath, `${e.value.recoverable ? "(recoverable) " : ""}${e.value.error}`);
    case "valueYielded": {
      const v = e.value.value;
      return d(`Yield #${v?.index ?? 0n}`, "neutral", v?.stepPath ?? "", v === undefined ? "" : yieldText(v.valueData), true);
    }
    case undefined:
      return d("Unknown event", "neutral", "", "an event kind this console does not know");
    default:
      return assertNever(e, "WatchThread event");
  }
}
