// A live expiry countdown (1 s tick, one shared timer). Not a live region: a screen reader would
// hear it every second; the text is read when the entry is.
import { formatTimestamp } from "../../components/common/formatTime";
import { useNow } from "../../components/common/useNow";
import { formatCountdown } from "./inboxEntry";

export function ExpiryCountdown({ expiresAtMs }: { expiresAtMs: number }) {
  const now = useNow(1_000, expiresAtMs > 0);
  if (expiresAtMs <= 0) return <span className="subtle">no expiry</span>;
  const remaining = expiresAtMs - now;
  const expired = remaining <= 0;
  return (
    <time
      className={`ask-expiry tabular${expired ? " ask-expiry--expired" : remaining < 60_000 ? " ask-expiry--soon" : ""}`}
      dateTime={new Date(expiresAtMs).toISOString()}
      title={`Expires ${formatTimestamp(expiresAtMs)}`}
      data-testid="ask-expiry"
    >
      {expired ? "expired" : `expires in ${formatCountdown(remaining)}`}
    </time>
  );
}
