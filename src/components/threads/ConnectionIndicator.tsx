// The connection state of a live view, always visible: Live, Polling every N s, Reconnecting
// (attempt n, next in s), Stale since hh:mm:ss. Icon + text, never colour alone.
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
  const now = useNow(1_000, connection.kind === "reconnecting");
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
