// What happens around the call gate outside of calls: when the service answers again, the
// queries that failed meanwhile are asked again (their interval may be long, or they have none);
// when the tab becomes visible after being hidden, the gate allows one probe (the refetches React
// Query makes on focus then find it open).
import type { QueryClient } from "@tanstack/react-query";
import type { CallGate } from "./callGate";

/** Asks again every active query that is in error (without cancelling fetches in flight). */
export function refetchFailedQueries(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries(
    { predicate: (query) => query.state.status === "error", refetchType: "active" },
    { cancelRefetch: false },
  );
}

/** On every move of the gate back to `ok`, refetches the failed queries. Returns the unsubscribe. */
export function refetchFailedQueriesOnRecovery(gate: CallGate, queryClient: QueryClient): () => void {
  let previous = gate.getSnapshot().kind;
  return gate.subscribe(() => {
    const current = gate.getSnapshot().kind;
    if (current === "ok" && previous !== "ok") void refetchFailedQueries(queryClient);
    previous = current;
  });
}

/** Allows one probe when the page becomes visible after being hidden. Returns the cleanup. */
export function allowProbeWhenVisibleAgain(gate: CallGate, doc: Document = document): () => void {
  let hidden = doc.visibilityState === "hidden";
  // On the document, not the window: this runs before React Query's own listener (on window, where
  // the event bubbles to), so the refetches it starts on focus find the probe allowed.
  const onChange = (): void => {
    if (doc.visibilityState === "hidden") {
      hidden = true;
      return;
    }
    if (!hidden) return;
    hidden = false;
    gate.allowProbe();
  };
  doc.addEventListener("visibilitychange", onChange);
  return () => doc.removeEventListener("visibilitychange", onChange);
}
