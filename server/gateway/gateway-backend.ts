// The gateway as the console server's backend (see ../http/console-server.ts ConsoleBackend):
// RPCs go upstream, /ready asks the upstream's HealthCheck, and two extra endpoints are served:
// GET /metrics (Prometheus text) and GET /__console/config.
import type { ConsoleBackend } from "../http/console-server";
import type { NodeRequest, NodeResponse } from "../http/responses";
import type { AccessLogSink } from "./access-log";
import { gatewayConfig, handleConsoleConfig, pathOf, sendBody } from "./console-config";
import type { GatewayCredentials } from "./forward-headers";
import { createGatewayService, type Gateway } from "./gateway-service";
import { METRICS_CONTENT_TYPE } from "./metrics";

export const METRICS_PATH = "/metrics";

export interface GatewayBackendOptions {
  upstream: string;
  credentials?: GatewayCredentials;
  log?: AccessLogSink;
}

export interface GatewayBackend extends ConsoleBackend {
  gateway: Gateway;
  /** Serves /metrics and /__console/config; false for any other path. */
  handleHttp(req: NodeRequest, res: NodeResponse): boolean;
}

export function createGatewayBackend(options: GatewayBackendOptions): GatewayBackend {
  const gateway = createGatewayService(options);
  const config = gatewayConfig(options.credentials);
  return {
    gateway,
    service: gateway.service,
    ready: () => gateway.ready(),
    close: async () => gateway.close(),
    handleHttp(req, res) {
      if (pathOf(req) === METRICS_PATH) {
        if (req.method !== "GET" && req.method !== "HEAD") {
          res.setHeader("Allow", "GET, HEAD");
          sendBody(res, 405, "method not allowed\n", "text/plain; charset=utf-8", false);
        } else {
          sendBody(res, 200, gateway.metrics.render(), METRICS_CONTENT_TYPE, req.method === "HEAD");
        }
        return true;
      }
      return handleConsoleConfig(req, res, config);
    },
  };
}
