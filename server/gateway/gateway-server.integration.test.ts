// The whole console in gateway mode: a sandbox Scriptum that requires a token, reached over its
// native gRPC port, behind startGatewayServer. Clients speak Connect and gRPC-Web to the gateway,
// as browsers do. 127.0.0.1, ephemeral ports; everything started here is stopped here.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, ConnectError, createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { ScriptumService, ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { startServer, type RunningServer } from "../app";
import { DEFAULT_OPTIONS } from "../options";
import { startGatewayServer, type GatewayServer } from "./start-gateway-server";

const TOKEN = "held-secret-token";
const ORG = "org-gw";

describe("console server in gateway mode, in front of a sandbox that requires a token", () => {
  let staticDir: string;
  let tokenFile: string;
  let upstream: RunningServer;
  let gateway: GatewayServer;
  let plain: GatewayServer;
  const logLines: string[] = [];

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), "gateway-static-"));
    writeFileSync(join(staticDir, "index.html"), "<!doctype html><title>Scriptum Console</title>");
    tokenFile = join(staticDir, "token");
    writeFileSync(tokenFile, `${TOKEN}\n`);
    const base = { ...DEFAULT_OPTIONS, host: "127.0.0.1", port: 0, grpcPort: 0, dataDir: null, staticDir };
    upstream = await startServer({ ...base, speed: 100, seedThreads: 5, requireToken: TOKEN, requireOrg: ORG });
    gateway = await startGatewayServer({
      ...base,
      upstream: upstream.grpcUrl,
      tokenFile,
      orgId: ORG,
      env: {},
      log: (line) => logLines.push(line),
    });
    // The same gateway without credentials: the browser's are forwarded.
    plain = await startGatewayServer({ ...base, upstream: upstream.grpcUrl, env: {}, log: () => {} });
  });

  afterAll(async () => {
    await gateway?.close();
    await plain?.close();
    await upstream?.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it("lists, creates and follows a thread to its end through the gateway, holding the credentials", async () => {
    const client = createClient(ScriptumService, createGrpcWebTransport({ baseUrl: gateway.url, httpVersion: "1.1" }));
    const listed = await client.listThreads({ pageSize: 3 });
    expect(listed.threads.length).toBeGreaterThan(0);

    const created = await client.createThread({ scriptName: "ticker", inputJson: '{"seconds": 1, "rate": 4}' });
    const events: string[] = [];
    for await (const event of client.watchThread({ threadId: created.threadId })) {
      events.push(event.event.case ?? "none");
    }
    expect(events[0]).toBe("threadStarted");
    expect(events.at(-1)).toBe("threadCompleted");
    const thread = await client.getThread({ threadId: created.threadId });
    expect(thread.status).toBe(ThreadStatus.COMPLETED);
    expect(logLines.join("\n")).not.toContain(TOKEN);
  });

  it("passes the sandbox's field violations through", async () => {
    const client = createClient(ScriptumService, createConnectTransport({ baseUrl: gateway.url, httpVersion: "1.1" }));
    const error = await client.createThread({ scriptName: "big-export", inputJson: '{"mb": 0}' }).then(
      () => null,
      (reason: unknown) => ConnectError.from(reason),
    );
    expect(error?.code).toBe(Code.InvalidArgument);
    expect(error?.rawMessage).toContain("big-export");
  });

  it("forwards the browser's credentials when it holds none, so a browser without a token is refused", async () => {
    const anonymous = createClient(ScriptumService, createConnectTransport({ baseUrl: plain.url, httpVersion: "1.1" }));
    await expect(anonymous.listThreads({})).rejects.toMatchObject({ code: Code.Unauthenticated });
    const withToken: Interceptor = (next) => (request) => {
      request.header.set("authorization", `Bearer ${TOKEN}`);
      request.header.set("x-organization-id", ORG);
      return next(request);
    };
    const signedIn = createClient(
      ScriptumService,
      createConnectTransport({ baseUrl: plain.url, httpVersion: "1.1", interceptors: [withToken] }),
    );
    expect((await signedIn.listThreads({ pageSize: 1 })).threads).toHaveLength(1);
  });

  it("is ready while the upstream answers, and says who holds the credentials", async () => {
    const ready = await fetch(`${gateway.url}/ready`);
    expect(ready.status).toBe(200);
    expect(gateway.config).toEqual({ mode: "gateway", credentials: "gateway", orgId: ORG });
    expect(plain.config).toEqual({ mode: "gateway", credentials: "browser" });
  });
});

describe("gateway mode start-up", () => {
  it("refuses an unreadable token file before listening", async () => {
    await expect(
      startGatewayServer({
        ...DEFAULT_OPTIONS,
        host: "127.0.0.1",
        port: 0,
        grpcPort: 0,
        upstream: "http://127.0.0.1:9",
        tokenFile: "/nonexistent/token",
        env: {},
      }),
    ).rejects.toThrow("--token-file /nonexistent/token: cannot read it (ENOENT)");
  });
});
