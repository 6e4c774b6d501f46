// One access log line per call through the gateway. The line is built from an explicit list of
// fields, never from request headers, so a token cannot reach the log.

export interface AccessLogEntry {
  /** When the call started. */
  at: Date;
  /** "ListThreads", "WatchThread"… */
  method: string;
  /** The gRPC code name: "OK", "NOT_FOUND", "CANCELLED"… */
  code: string;
  durationMs: number;
  /** Messages sent to the browser (streams only). */
  messages?: number;
  /** "connect", "grpc-web", "grpc": how the browser called the gateway. */
  protocol?: string;
}

export type AccessLogSink = (line: string) => void;

export function formatAccessLogLine(entry: AccessLogEntry): string {
  const parts = [
    entry.at.toISOString(),
    "gateway",
    `method=${entry.method}`,
    `code=${entry.code}`,
    `duration_ms=${Math.round(entry.durationMs)}`,
  ];
  if (entry.messages !== undefined) parts.push(`messages=${entry.messages}`);
  if (entry.protocol !== undefined) parts.push(`protocol=${entry.protocol}`);
  return parts.join(" ");
}
