// "5 min ago", with the exact time in a tooltip and in the <time> element's dateTime.
import { formatRelative, formatTimestamp, isSet, toMillis, type Millis } from "./formatTime";
import { useNow } from "./useNow";

export interface RelativeTimeProps {
  ms: Millis;
  /** Shown when the timestamp is 0 (not set). */
  unset?: string;
}

export function RelativeTime({ ms, unset = "—" }: RelativeTimeProps) {
  const now = useNow(15_000, isSet(ms));
  if (!isSet(ms)) return <span className="muted">{unset}</span>;
  const exact = formatTimestamp(ms);
  return (
    <time dateTime={new Date(toMillis(ms)).toISOString()} title={exact}>
      {formatRelative(ms, now)}
    </time>
  );
}
