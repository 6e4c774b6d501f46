// Where the WatchThread stream of one thread is at, as the live engine reports it.
export type StreamPhase =
  /** Not opened yet (the snapshot is loading). */
  | { readonly kind: "idle" }
  /** Opened; nothing received on this attempt yet. */
  | { readonly kind: "connecting"; readonly sinceMs: number }
  /** Delivering messages. */
  | { readonly kind: "open"; readonly lastMessageMs: number }
  /** Failed or closed early; the next attempt is scheduled. */
  | { readonly kind: "waiting"; readonly attempt: number; readonly nextAtMs: number }
  /** Closed for good: the thread is final, or the view has gone. */
  | { readonly kind: "ended" };
