// The console server's extra endpoints once the gateway is wired in (console-server.ts handleHttp,
// options.ts gateway flags): GET /metrics and /__console/config in both modes, the CSP with a direct
// endpoint, and `--upstream` accepted on the command line.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { ScriptumService } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { startServer, type RunningServer } from "../app";
import { DEFAULT_OPTIONS, parseServerArgs } from "../options";
import { startGatewayServer, type GatewayServer } from "./start-gateway-server";

describe("console server endpoints in sandbox and gateway mode", () => {
  let staticDir: string;
  let sandbox: RunningServer;
  let gateway: GatewayServer;

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), "gateway-endpoints-"));
    writeFileSync(join(staticDir, "index.html"), "<!doctype html><title>Scriptum Console</title>");
    writeFileSync(join(staticDir, "token"), "tok-endpoints");
    const base = { ...DEFAULT_OPTIONS, host: "127.0.0.1", port: 0, grpcPort: 0, dataDir: null, staticDir };
    sandbox = await startServer({ ...base, speed: 100, seedThreads: 3 });
    gateway = await startGatewayServer({
      ...base,
      upstream: sandbox.grpcUrl,
      tokenFile: join(staticDir, "token"),
      orgName: "Acme",
      directEndpoints: ["https://envoy.example.com:8443"],
      env: {},
      log: () => {},
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await sandbox?.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it("says which mode serves the console and who holds the credentials", async () => {
    expect(await (await fetch(`${sandbox.url}/__console/config`)).json()).toEqual({ mode: "sandbox", credentials: "browser" });
    const config = await fetch(`${gateway.url}/__console/config`);
    expect(config.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const text = await config.text();
    expect(JSON.parse(text)).toEqual({ mode: "gateway", credentials: "gateway", orgName: "Acme" });
    expect(text).not.toContain("tok-endpoints");
  });

  it("serves Prometheus metrics of the calls it forwarded", async () => {
    const client = createClient(ScriptumService, createConnectTransport({ baseUrl: gateway.url, httpVersion: "1.1" }));
    await client.listThreads({ pageSize: 1 });
    const metrics = await fetch(`${gateway.url}/metrics`);
    expect(metrics.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    expect(await metrics.text()).toMatch(/scriptum_gateway_requests_total\{method="ListThreads",code="OK"\} [1-9]/);
    // The sandbox has no gateway metrics: /metrics there is the app (SPA fallback), not Prometheus.
    expect((await fetch(`${sandbox.url}/metrics`)).headers.get("content-type")).not.toContain("version=0.0.4");
  });

  it("allows a configured direct endpoint in the CSP connect-src, and nothing else", async () => {
    const csp = (await fetch(`${gateway.url}/threads`)).headers.get("content-security-policy") ?? "";
    expect(csp).toContain("connect-src 'self' https://envoy.example.com:8443;");
    const plain = (await fetch(`${sandbox.url}/threads`)).headers.get("content-security-policy") ?? "";
    expect(plain).toContain("connect-src 'self';");
  });

  it("takes gateway mode from the command line", () => {
    const parsed = parseServerArgs(["--upstream", sandbox.grpcUrl, "--org-id", "o"]);
    expect(parsed).toMatchObject({ kind: "options", options: { upstream: sandbox.grpcUrl, orgId: "o" } });
  });
});
