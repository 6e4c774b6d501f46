// A duration: given directly (`ms`), or from `startMs` to `endMs`, ticking every second while
// `endMs` is not set (a running thread or step).
import { formatDuration, isSet, toMillis, type Millis } from "./formatTime";
import { useNow } from "./useNow";

export type DurationProps =
  | { ms: Millis; startMs?: never; endMs?: never }
  | { ms?: never; startMs: Millis; endMs?: Millis };

export function Duration(props: DurationProps) {
  const running = props.ms === undefined && isSet(props.startMs) && !isSet(props.endMs ?? 0);
  const now = useNow(1_000, running);
  if (props.ms !== undefined) return <span className="tabular">{formatDuration(props.ms)}</span>;
  if (!isSet(props.startMs)) return <span className="muted">—</span>;
  const end = running ? now : toMillis(props.endMs ?? 0);
  const text = formatDuration(end - toMillis(props.startMs));
  return (
    <span className="tabular" title={running ? "Still running" : undefined}>
      {text}
      {running ? <span className="visually-hidden"> (running)</span> : null}
    </span>
  );
}
