// A polite live region that tells screen-reader users when a live thread's status changes,
// at most once every 5 s (the latest change wins). The first status is not announced: it is
// what the page says when it opens.
import { useEffect, useRef, useState } from "react";
import { decideAnnouncement, type AnnounceState } from "./announceThrottle";

export function LiveStatusAnnouncer({ message }: { message: string }) {
  const [spoken, setSpoken] = useState("");
  const state = useRef<AnnounceState | undefined>(undefined);

  useEffect(() => {
    if (message === "") return;
    if (state.current === undefined) {
      state.current = { lastAnnouncedAtMs: undefined, announced: message };
      return;
    }
    const decision = decideAnnouncement(state.current, message, Date.now());
    if (decision.kind === "skip") return;
    const speak = () => {
      state.current = { lastAnnouncedAtMs: Date.now(), announced: message };
      setSpoken(message);
    };
    if (decision.kind === "now") {
      speak();
      return;
    }
    const timer = setTimeout(speak, decision.inMs);
    return () => clearTimeout(timer);
  }, [message]);

  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-announcer">
      {spoken}
    </div>
  );
}
