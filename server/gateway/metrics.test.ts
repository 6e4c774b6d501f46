import { describe, expect, it } from "vitest";
import { createGatewayMetrics, escapeLabel } from "./metrics";

describe("gateway metrics", () => {
  it("counts requests by method and code", () => {
    const metrics = createGatewayMetrics();
    metrics.countRequest("ListThreads", "OK");
    metrics.countRequest("ListThreads", "OK");
    metrics.countRequest("CancelThread", "UNIMPLEMENTED");
    const text = metrics.render();
    expect(text).toContain('scriptum_gateway_requests_total{method="ListThreads",code="OK"} 2');
    expect(text).toContain('scriptum_gateway_requests_total{method="CancelThread",code="UNIMPLEMENTED"} 1');
    expect(text).toContain("# TYPE scriptum_gateway_requests_total counter");
  });

  it("tracks open streams and never goes below zero", () => {
    const metrics = createGatewayMetrics();
    metrics.streamOpened("WatchThread");
    metrics.streamOpened("WatchThread");
    metrics.streamClosed("WatchThread");
    expect(metrics.render()).toContain('scriptum_gateway_open_streams{method="WatchThread"} 1');
    metrics.streamClosed("WatchThread");
    metrics.streamClosed("WatchThread");
    expect(metrics.render()).toContain('scriptum_gateway_open_streams{method="WatchThread"} 0');
  });

  it("renders a cumulative latency histogram", () => {
    const metrics = createGatewayMetrics();
    metrics.observeUpstreamLatency("GetThread", 0.02);
    metrics.observeUpstreamLatency("GetThread", 3);
    const text = metrics.render();
    expect(text).toContain('scriptum_gateway_upstream_latency_seconds_bucket{method="GetThread",le="0.01"} 0');
    expect(text).toContain('scriptum_gateway_upstream_latency_seconds_bucket{method="GetThread",le="0.025"} 1');
    expect(text).toContain('scriptum_gateway_upstream_latency_seconds_bucket{method="GetThread",le="5"} 2');
    expect(text).toContain('scriptum_gateway_upstream_latency_seconds_bucket{method="GetThread",le="+Inf"} 2');
    expect(text).toContain('scriptum_gateway_upstream_latency_seconds_count{method="GetThread"} 2');
    expect(text).toContain('scriptum_gateway_upstream_latency_seconds_sum{method="GetThread"} 3.02');
  });

  it("escapes label values", () => {
    expect(escapeLabel('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
  });
});
