// The gateway's Prometheus metrics, rendered as text exposition format 0.0.4 for GET /metrics:
// requests by method and gRPC code, open server streams, and upstream latency. Hand-written (no
// client library): three metric kinds, labels escaped as the format requires.

export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** Seconds. Upstream calls range from a fast GetThread to a multi-second result fetch. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export interface GatewayMetrics {
  /** A finished call (unary or stream): method name ("ListThreads") and code ("OK", "NOT_FOUND"). */
  countRequest(method: string, code: string): void;
  streamOpened(method: string): void;
  streamClosed(method: string): void;
  /** Seconds until the upstream answered: the whole call for unary, the response headers for streams. */
  observeUpstreamLatency(method: string, seconds: number): void;
  render(): string;
}

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

export function createGatewayMetrics(): GatewayMetrics {
  const requests = new Map<string, number>();
  const openStreams = new Map<string, number>();
  const latency = new Map<string, Histogram>();

  return {
    countRequest(method, code) {
      const key = labels({ method, code });
      requests.set(key, (requests.get(key) ?? 0) + 1);
    },
    streamOpened(method) {
      openStreams.set(method, (openStreams.get(method) ?? 0) + 1);
    },
    streamClosed(method) {
      openStreams.set(method, Math.max(0, (openStreams.get(method) ?? 0) - 1));
    },
    observeUpstreamLatency(method, seconds) {
      let histogram = latency.get(method);
      if (histogram === undefined) {
        histogram = { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
        latency.set(method, histogram);
      }
      LATENCY_BUCKETS.forEach((bound, i) => {
        if (seconds <= bound) histogram.buckets[i] = (histogram.buckets[i] ?? 0) + 1;
      });
      histogram.sum += seconds;
      histogram.count += 1;
    },
    render() {
      const lines: string[] = [];
      lines.push(
        "# HELP scriptum_gateway_requests_total ScriptumService calls through the gateway, by method and gRPC code.",
        "# TYPE scriptum_gateway_requests_total counter",
      );
      for (const [key, value] of sorted(requests)) {
        lines.push(`scriptum_gateway_requests_total{${key}} ${value}`);
      }
      lines.push(
        "# HELP scriptum_gateway_open_streams Server streams open through the gateway.",
        "# TYPE scriptum_gateway_open_streams gauge",
      );
      for (const [method, value] of sorted(openStreams)) {
        lines.push(`scriptum_gateway_open_streams{${labels({ method })}} ${value}`);
      }
      lines.push(
        "# HELP scriptum_gateway_upstream_latency_seconds Time until the upstream answered (streams: its response headers).",
        "# TYPE scriptum_gateway_upstream_latency_seconds histogram",
      );
      for (const [method, histogram] of sorted(latency)) {
        LATENCY_BUCKETS.forEach((bound, i) => {
          const le = String(bound);
          lines.push(
            `scriptum_gateway_upstream_latency_seconds_bucket{${labels({ method, le })}} ${histogram.buckets[i] ?? 0}`,
          );
        });
        lines.push(
          `scriptum_gateway_upstream_latency_seconds_bucket{${labels({ method, le: "+Inf" })}} ${histogram.count}`,
          `scriptum_gateway_upstream_latency_seconds_sum{${labels({ method })}} ${histogram.sum}`,
          `scriptum_gateway_upstream_latency_seconds_count{${labels({ method })}} ${histogram.count}`,
        );
      }
      return `${lines.join("\n")}\n`;
    },
  };
}

function labels(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}="${escapeLabel(value)}"`)
    .join(",");
}

export function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function sorted<V>(map: Map<string, V>): [string, V][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
