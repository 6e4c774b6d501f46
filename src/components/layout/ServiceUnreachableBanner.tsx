// Shown while the call gate holds calls because the service does not answer (api/callGate.ts):
// since when, when the next try goes out, and "Try now" to send one at once. One per page, in the
// layout. Only the headline is a live region: the countdown would be announced every second.
import { useEffect, useState } from "react";
import { clockTime, gateBackoffJitter, gateBackoffMaxMs, type CallGateState } from "../../api/callGate";
import { useCallGate, useCallGateState } from "../../api/callGateContext";

export function ServiceUnreachableBanner() {
  const state = useCallGateState();
  const { gate, tryNow } = useCallGate();
  const nowMs = useClock(state.kind === "unreachable", gate.now);
  const unreachable = state.kind === "unreachable" ? state : undefined;
  return (
    <div className={unreachable !== undefined ? "banner banner--warning" : undefined} data-testid="service-unreachable">
      <span role="status">
        {unreachable !== undefined ? `Scriptum is unreachable since ${clockTime(unreachable.since)}.` : ""}
      </span>
      {unreachable !== undefined ? (
        <>
          {" "}
          <span>{nextTry(unreachable, nowMs)}</span>{" "}
          <button type="button" className="btn btn--small" onClick={tryNow}>
            Try now
          </button>
        </>
      ) : null}
    </div>
  );
}

/** "Next try in 12 s.", "Trying again now…", or, once the wait is over, when the next call goes. */
export function nextTry(state: Extract<CallGateState, { kind: "unreachable" }>, nowMs: number): string {
  if (state.probeSince !== undefined) return "Trying again now…";
  // The clock is read once a second: right after the gate changed it may lag; never say more than
  // the longest backoff.
  const waitMs = Math.min(state.retryAt - nowMs, gateBackoffMaxMs * (1 + gateBackoffJitter));
  if (waitMs > 0) return `Next try in ${Math.max(1, Math.ceil(waitMs / 1_000))} s.`;
  return "Next try with the next request.";
}

/** The gate's time, read again every second while `active`. */
function useClock(active: boolean, now: () => number): number {
  const [nowMs, setNowMs] = useState(now);
  useEffect(() => {
    if (!active) return;
    const tick = (): void => setNowMs(now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active, now]);
  return nowMs;
}
