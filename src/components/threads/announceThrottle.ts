// Throttling of screen-reader announcements: at most one per interval; a change inside the
// interval is announced when it ends (only the latest one). Pure.
export interface AnnounceState {
  readonly lastAnnouncedAtMs: number | undefined;
  readonly announced: string;
}

export type AnnounceDecision =
  | { readonly kind: "now" }
  | { readonly kind: "later"; readonly inMs: number }
  | { readonly kind: "skip" };

export const announceIntervalMs = 5_000;

export function decideAnnouncement(state: AnnounceState, message: string, nowMs: number): AnnounceDecision {
  if (message === "" || message === state.announced) return { kind: "skip" };
  if (state.lastAnnouncedAtMs === undefined) return { kind: "now" };
  const since = nowMs - state.lastAnnouncedAtMs;
  return since >= announceIntervalMs ? { kind: "now" } : { kind: "later", inMs: announceIntervalMs - since };
}
