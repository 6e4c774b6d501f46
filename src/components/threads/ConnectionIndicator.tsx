// The connection state of a live view, always visible: Live, Polling every N s, Reconnecting
// (attempt n, next in s), Stale since hh:mm:ss (next try in s, while the call gate holds calls).
// Icon + text, never colour alone.
import { connectionLabel, type ConnectionState } from "../../api/live/connectionState";
import { useNow } from "../common/useNow";
import "./threads.css";

const icons: Record<ConnectionState["kind"], string> = {
  connecting: "◌",
  live: "●",
  polling: "↻",
  reconnecting: "⟳",
  stale: "⚠",
  final: "■",
};

export function ConnectionIndicator({ connection, reconnects }: { connection: ConnectionState; reconnects: number }) {
  // Ticks while there is a countdown to show ("next in", "next try in").
  const counting = connection.kind === "reconnecting" || (connection.kind === "stale" && connection.nextAtMs !== undefined);
  const now = useNow(1_000, counting);
  const label = connectionLabel(connection, now);
  return (
    <span
      className={`connection-indicator connection-indicator--${connection.kind}`}
      data-testid="connection-state"
      data-kind={connection.kind}
      data-reconnects={reconnects}
      title="How this view gets its updates"
    >
      <span aria-hidden="true" className="connection-indicator__icon">
        {icons[connection.kind]}
      </span>
      <span className="visually-hidden">Connection: </span>
      {label}
    </span>
  );
}
