import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { gatewayConfig } from "./console-config";
import { createGatewayBackend, type GatewayBackend } from "./gateway-backend";

let server: http.Server | undefined;
let backend: GatewayBackend | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await backend?.close();
  server = undefined;
  backend = undefined;
});

async function serve(credentials?: { token?: string; orgId?: string; orgName?: string }): Promise<string> {
  // Nothing listens upstream: these endpoints must answer without it.
  const created = createGatewayBackend({ upstream: "http://127.0.0.1:9", credentials, log: () => {} });
  backend = created;
  server = http.createServer((req, res) => {
    if (!created.handleHttp(req, res)) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("gateway backend endpoints", () => {
  it("says the gateway holds the credentials, without the token", async () => {
    const base = await serve({ token: "tok-secret", orgId: "org-1", orgName: "Acme" });
    const response = await fetch(`${base}/__console/config`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ mode: "gateway", credentials: "gateway", orgId: "org-1", orgName: "Acme" });
    expect(text).not.toContain("tok-secret");
  });

  it("says the browser holds the credentials when the gateway has none", async () => {
    const base = await serve();
    expect(await (await fetch(`${base}/__console/config`)).json()).toEqual({ mode: "gateway", credentials: "browser" });
    expect(gatewayConfig({ token: " " })).toEqual({ mode: "gateway", credentials: "browser" });
  });

  it("serves Prometheus text on /metrics and leaves other paths alone", async () => {
    const base = await serve();
    backend?.gateway.metrics.countRequest("GetThread", "OK");
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(await metrics.text()).toContain('scriptum_gateway_requests_total{method="GetThread",code="OK"} 1');
    expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(405);
    expect((await fetch(`${base}/threads`)).status).toBe(404);
  });

  it("is not ready when nothing answers upstream", async () => {
    await serve();
    expect(await backend?.ready()).toBe(false);
  });
});
