// The console server's HTTP side: the built SPA (content types, caching, gzip, fallback), the
// security headers on every response, management probes, and /__sandbox without the flag.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { contentSecurityPolicy } from "../http/security-headers";
import { clientFor } from "./clients";
import { httpRequest, type RawResponse } from "./http-get";
import { watchToEnd } from "./streams";
import { startTestServer, type TestServer } from "./test-server";

const INDEX = "<!doctype html><html><head><title>Scriptum Console</title></head><body><div id=root></div></body></html>";
const APP_JS = `console.log(${JSON.stringify("x".repeat(20_000))});\n`.repeat(3);
const APP_CSS = "body { color: black; }\n".repeat(500);
const PRE_JS = "export const precompressed = false;\n";
const PRE_GZ_CONTENT = "export const precompressed = true;\n";

function expectSecurityHeaders(res: RawResponse): void {
  expect(res.headers["content-security-policy"]).toBe(contentSecurityPolicy());
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
  expect(res.headers["referrer-policy"]).toBe("no-referrer");
}

describe("the console over HTTP", () => {
  let server: TestServer;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), "console-dist-"));
    mkdirSync(join(staticDir, "assets"));
    writeFileSync(join(staticDir, "index.html"), INDEX);
    writeFileSync(join(staticDir, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
    writeFileSync(join(staticDir, "assets", "app-abc123.js"), APP_JS);
    writeFileSync(join(staticDir, "assets", "app-abc123.css"), APP_CSS);
    writeFileSync(join(staticDir, "assets", "pre-def456.js"), PRE_JS);
    writeFileSync(join(staticDir, "assets", "pre-def456.js.gz"), gzipSync(PRE_GZ_CONTENT));
    writeFileSync(join(staticDir, ".env"), "SECRET=1");
    server = await startTestServer({ staticDir, fidelity: "complete", seedThreads: 3 });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it("serves index.html at / with the security headers, revalidated", async () => {
    const res = await httpRequest(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(res.body.toString()).toBe(INDEX);
    expectSecurityHeaders(res);
  });

  it.each([
    "/threads",
    "/threads/thr_123",
    "/threads/thr_123/steps/1.2.0?tab=output",
    "/approvals",
    "/approvals/thr_123",
    "/new",
    "/settings",
    "/no/such/page",
  ])("answers the app route %s with index.html", async (path) => {
    const res = await httpRequest(`${server.url}${path}`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(INDEX);
    expectSecurityHeaders(res);
  });

  it("serves hashed assets with their type, cached immutable, gzipped when accepted", async () => {
    const plain = await httpRequest(`${server.url}/assets/app-abc123.js`);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(plain.headers.vary).toBe("Accept-Encoding");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(APP_JS);

    const zipped = await httpRequest(`${server.url}/assets/app-abc123.js`, {
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Accept-Encoding");
    expect(zipped.body.length).toBeLessThan(APP_JS.length / 10);
    expect(gunzipSync(zipped.body).toString()).toBe(APP_JS);

    const css = await httpRequest(`${server.url}/assets/app-abc123.css`, { headers: { "accept-encoding": "gzip" } });
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(gunzipSync(css.body).toString()).toBe(APP_CSS);
    expectSecurityHeaders(css);
  });

  it("prefers a precompressed .gz beside the file", async () => {
    const res = await httpRequest(`${server.url}/assets/pre-def456.js`, { headers: { "accept-encoding": "gzip" } });
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(gunzipSync(res.body).toString()).toBe(PRE_GZ_CONTENT);
    const plain = await httpRequest(`${server.url}/assets/pre-def456.js`);
    expect(plain.body.toString()).toBe(PRE_JS);
  });

  it("answers a matching ETag with 304", async () => {
    const first = await httpRequest(`${server.url}/favicon.svg`);
    expect(first.headers["content-type"]).toBe("image/svg+xml");
    const etag = first.headers.etag;
    expect(typeof etag).toBe("string");
    const again = await httpRequest(`${server.url}/favicon.svg`, { headers: { "if-none-match": String(etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("keeps missing assets and files 404, never HTML, and hides dotfiles", async () => {
    for (const path of ["/assets/missing-000.js", "/favicon.ico", "/.env", "/assets/../.env", "/%2e%2e/package.json"]) {
      const res = await httpRequest(`${server.url}${path}`, { headers: { accept: "*/*" } });
      expect(res.status, path).toBe(404);
      expect(res.body.toString()).not.toContain("<html");
      expectSecurityHeaders(res);
    }
  });

  it("refuses other methods on static paths", async () => {
    const res = await httpRequest(`${server.url}/threads`, { method: "POST", body: "x" });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe("GET, HEAD");
  });

  it("answers /health and /ready", async () => {
    const health = await httpRequest(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body.toString())).toEqual({ status: "ok" });
    expectSecurityHeaders(health);
    const ready = await httpRequest(`${server.url}/ready`);
    expect(ready.status).toBe(200);
  });

  it("puts the security headers on RPC responses too", async () => {
    const res = await httpRequest(`${server.url}/dodil.scriptum.v1.ScriptumService/HealthCheck`, {
      method: "POST",
      headers: { "content-type": "application/json", "connect-protocol-version": "1" },
      body: "{}",
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toMatchObject({ status: "ok" });
    expectSecurityHeaders(res);
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("marks RPC answers no-store in every protocol, streams too (Chromium slows big uncached streams)", async () => {
    const calls = [
      { method: "ListScripts", contentType: "application/json", body: Buffer.from("{}") },
      { method: "ListScripts", contentType: "application/grpc-web+proto", body: Buffer.from([0, 0, 0, 0, 0]) },
      { method: "StreamThreadResult", contentType: "application/connect+json", body: Buffer.concat([Buffer.from([0, 0, 0, 0, 2]), Buffer.from("{}")]) },
    ];
    for (const call of calls) {
      const res = await httpRequest(`${server.url}/dodil.scriptum.v1.ScriptumService/${call.method}`, {
        method: "POST",
        headers: { "content-type": call.contentType, "connect-protocol-version": "1", "x-grpc-web": "1" },
        body: call.body,
      });
      expect(res.status, call.contentType).toBe(200);
      expect(res.headers["cache-control"], call.contentType).toBe("no-store");
    }
  });

  it("has no fault injection or event log without --enable-fault-injection", async () => {
    expect((await httpRequest(`${server.url}/__sandbox/faults`)).status).toBe(404);
    expect(
      (await httpRequest(`${server.url}/__sandbox/faults`, { method: "POST", body: '{"dropStreams":true}' })).status,
    ).toBe(404);
    const list = await clientFor("connect", server).listThreads({ pageSize: 1 });
    const threadId = list.threads[0]?.threadId ?? "thr_x";
    expect((await httpRequest(`${server.url}/__sandbox/threads/${threadId}/events`)).status).toBe(404);
  });

  it("serves artifact downloads without the flag", async () => {
    const client = clientFor("connect", server);
    const { threadId } = await client.createThread({ scriptName: "big-export", inputJson: JSON.stringify({ mb: 0.05 }) });
    const events = await watchToEnd(client, threadId);
    expect(events.at(-1)?.event.case).toBe("threadCompleted");
    expect((await client.getThread({ threadId })).status).toBe(ThreadStatus.COMPLETED);
    const { artifacts } = await client.listArtifacts({ threadId });
    const artifact = artifacts[0];
    expect(artifact).toBeDefined();
    const res = await httpRequest(new URL(artifact?.downloadUrl ?? "", server.url).toString());
    expect(res.status).toBe(200);
    expect(BigInt(res.body.length)).toBe(artifact?.sizeBytes);
    expect((await httpRequest(`${server.url}/__sandbox/artifacts/${threadId}/no-such-artifact`)).status).toBe(404);
  });
});

describe("the console before it is built", () => {
  let server: TestServer;
  let emptyDir: string;

  beforeAll(async () => {
    emptyDir = mkdtempSync(join(tmpdir(), "console-empty-"));
    server = await startTestServer({ staticDir: emptyDir, seedThreads: 0 });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it("answers a page that says to run npm run build, while the RPCs work", async () => {
    const res = await httpRequest(`${server.url}/threads`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(503);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body.toString()).toContain("npm run build");
    expectSecurityHeaders(res);
    expect((await clientFor("connect", server).healthCheck({})).status).toBe("ok");
  });
});
