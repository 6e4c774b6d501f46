// Pure time formatting. Timestamps are milliseconds since the epoch (int64 → bigint in the
// generated code); 0 means "not set".

export type Millis = number | bigint;

export function toMillis(value: Millis): number {
  return typeof value === "bigint" ? Number(value) : value;
}

/** "450 ms", "1.2 s", "42 s", "3 m 05 s", "2 h 03 m", "3 d 04 h". */
export function formatDuration(value: Millis): string {
  const ms = Math.max(0, toMillis(value));
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const totalSeconds = Math.floor(ms / 1_000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) return `${totalMinutes} m ${pad2(totalSeconds % 60)} s`;
  const totalHours = Math.floor(totalMinutes / 60);
  if (totalHours < 24) return `${totalHours} h ${pad2(totalMinutes % 60)} m`;
  return `${Math.floor(totalHours / 24)} d ${pad2(totalHours % 24)} h`;
}

/** "just now", "12 s ago", "5 min ago", "3 h ago", "2 d ago"; "in 5 min" for the future. */
export function formatRelative(value: Millis, nowMs: number): string {
  const diff = nowMs - toMillis(value);
  const future = diff < 0;
  const abs = Math.abs(diff);
  if (abs < 5_000) return "just now";
  let text: string;
  if (abs < 60_000) text = `${Math.floor(abs / 1_000)} s`;
  else if (abs < 3_600_000) text = `${Math.floor(abs / 60_000)} min`;
  else if (abs < 86_400_000) text = `${Math.floor(abs / 3_600_000)} h`;
  else text = `${Math.floor(abs / 86_400_000)} d`;
  return future ? `in ${text}` : `${text} ago`;
}

// One formatter per time zone ("" = the browser's), built on first use: constructing an
// Intl.DateTimeFormat costs ~15× a format call, and every history row and event row formats.
const timestampFormats = new Map<string, Intl.DateTimeFormat>();

function timestampFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? "";
  let format = timestampFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-GB", {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      ...(timeZone === undefined ? {} : { timeZone }),
    });
    timestampFormats.set(key, format);
  }
  return format;
}

/**
 * Builds the browser-time-zone formatter ahead of need. A page's first Intl formatter also loads
 * the locale data (20–100 ms on these machines): worth doing while a first answer is on its way.
 */
export function warmTimestampFormat(): void {
  timestampFormat(undefined).formatToParts(0);
}

/** "2026-05-14 09:03:44" in the browser's time zone (UTC in tests). */
export function formatTimestamp(value: Millis, timeZone?: string): string {
  const parts = timestampFormat(timeZone).formatToParts(new Date(toMillis(value)));
  let year = "";
  let month = "";
  let day = "";
  let hour = "";
  let minute = "";
  let second = "";
  for (const part of parts) {
    switch (part.type) {
      case "year":
        year = part.value;
        break;
      case "month":
        month = part.value;
        break;
      case "day":
        day = part.value;
        break;
      case "hour":
        hour = part.value;
        break;
      case "minute":
        minute = part.value;
        break;
      case "second":
        second = part.value;
        break;
      default:
        break;
    }
  }
  return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

/** "09:03:44", for "Stale since hh:mm:ss" and event times. */
export function formatClock(value: Millis, timeZone?: string): string {
  return formatTimestamp(value, timeZone).slice(11);
}

export function isSet(value: Millis): boolean {
  return toMillis(value) > 0;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}
