// Interop: browsers (Connect and gRPC-Web clients over HTTP/1.1) → the gateway (connect-node) →
// an upstream Scriptum written with @grpc/grpc-js over native gRPC. Everything on 127.0.0.1,
// ephemeral ports; everything started here is stopped here.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Code, ConnectError, createClient, type Client, type Interceptor, type Transport } from "@connectrpc/connect";
import {
  connectNodeAdapter,
  createConnectTransport,
  createGrpcWebTransport,
} from "@connectrpc/connect-node";
import { ScriptumService, ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { BadRequestSchema } from "../../src/api/gen/google/rpc/error_details_pb";
import { createGatewayService, type Gateway, type GatewayOptions } from "./gateway-service";
import { startGrpcJsUpstream, THREAD, type GrpcJsUpstream } from "./testing/grpc-js-upstream";

interface RunningGateway {
  gateway: Gateway;
  baseUrl: string;
  logLines: string[];
  stop(): Promise<void>;
}

async function startGateway(options: Omit<GatewayOptions, "log">): Promise<RunningGateway> {
  const logLines: string[] = [];
  const gateway = createGatewayService({ ...options, log: (line) => logLines.push(line) });
  const server = http.createServer(
    connectNodeAdapter({ routes: (router) => router.service(ScriptumService, gateway.service) }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    gateway,
    baseUrl: `http://127.0.0.1:${port}`,
    logLines,
    async stop() {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const BROWSER_HEADERS = {
  authorization: "Bearer browser-token-123",
  "x-organization-id": "org-browser",
  "x-organization-name": "Browser Org",
};

function browserClient(kind: "connect" | "grpc-web", baseUrl: string): Client<typeof ScriptumService> {
  const asBrowser: Interceptor = (next) => (request) => {
    for (const [name, value] of Object.entries(BROWSER_HEADERS)) request.header.set(name, value);
    return next(request);
  };
  const interceptors = [asBrowser];
  const transport: Transport =
    kind === "connect"
      ? createConnectTransport({ baseUrl, httpVersion: "1.1", interceptors })
      : createGrpcWebTransport({ baseUrl, httpVersion: "1.1", interceptors });
  return createClient(ScriptumService, transport);
}

async function expectCode(promise: Promise<unknown>, code: Code): Promise<ConnectError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(code);
    return error as ConnectError;
  }
  throw new Error(`expected ${Code[code]}, the call succeeded`);
}

describe("gateway in front of a grpc-js Scriptum", () => {
  let upstream: GrpcJsUpstream;
  let running: RunningGateway;

  beforeAll(async () => {
    upstream = await startGrpcJsUpstream();
    running = await startGateway({ upstream: upstream.url });
  });

  afterAll(async () => {
    await running.stop();
    upstream.stop();
  });

  afterEach(() => {
    upstream.received.length = 0;
  });

  describe.each(["connect", "grpc-web"] as const)("a %s browser", (kind) => {
    it("lists threads, with the browser's identity headers forwarded", async () => {
      const client = browserClient(kind, running.baseUrl);
      const response = await client.listThreads({ pageSize: 10 });
      expect(response.threads.map((t) => t.threadId)).toEqual([THREAD.thread_id]);
      expect(response.threads[0]?.status).toBe(ThreadStatus.PAUSED);
      expect(response.threads[0]?.createdAtMs).toBe(1748390400000n);
      expect(response.threads[0]?.metadata).toEqual({ source: "interop" });

      const call = upstream.received.find((r) => r.method === "ListThreads");
      expect(call?.metadata.get("authorization")).toEqual(["Bearer browser-token-123"]);
      expect(call?.metadata.get("x-organization-id")).toEqual(["org-browser"]);
      expect(call?.metadata.get("x-organization-name")).toEqual(["Browser Org"]);
    });

    it("follows a live WatchThread stream message by message", async () => {
      const client = browserClient(kind, running.baseUrl);
      const stream = client.watchThread({ threadId: THREAD.thread_id })[Symbol.asyncIterator]();
      const first = stream.next();
      const watch = await upstream.nextWatch();
      expect(watch.request.thread_id).toBe(THREAD.thread_id);
      expect(watch.metadata.get("authorization")).toEqual(["Bearer browser-token-123"]);

      watch.write({ sequence: "1", occurred_at_ms: "1000", thread_id: THREAD.thread_id, thread_started: { total_steps: 2 } });
      // The first event reaches the browser while the upstream still holds the stream open.
      const one = await first;
      expect(one.done).toBe(false);
      expect(one.value?.sequence).toBe(1n);
      expect(one.value?.event.case).toBe("threadStarted");

      watch.write({ sequence: "2", step_started: { step_path: "1", name: "fetch" } });
      const two = await stream.next();
      expect(two.value?.event).toMatchObject({ case: "stepStarted", value: { stepPath: "1", name: "fetch" } });

      watch.write({ sequence: "3", thread_completed: { output_total_bytes: "42" } });
      watch.end();
      const three = await stream.next();
      expect(three.value?.event.case).toBe("threadCompleted");
      expect((await stream.next()).done).toBe(true);
    });

    it("resumes an ask, and passes a rejection through with its field violations", async () => {
      const client = browserClient(kind, running.baseUrl);
      const resumed = await client.resumeThread({
        threadId: THREAD.thread_id,
        stepInputOverrideJson: '{"approved":true}',
      });
      expect(resumed.thread?.status).toBe(ThreadStatus.RUNNING);

      const error = await expectCode(
        client.resumeThread({ threadId: THREAD.thread_id, stepInputOverrideJson: '{"approved":"yes"}' }),
        Code.InvalidArgument,
      );
      expect(error.rawMessage).toBe("answer rejected");
      const violations = error.findDetails(BadRequestSchema).flatMap((d) => d.fieldViolations);
      expect(violations.map((v) => [v.field, v.description])).toEqual([["approved", "must be true or false"]]);
    });

    it("sees CancelThread's UNIMPLEMENTED and NOT_FOUND with the upstream's message", async () => {
      const client = browserClient(kind, running.baseUrl);
      const cancel = await expectCode(client.cancelThread({ threadId: THREAD.thread_id }), Code.Unimplemented);
      expect(cancel.rawMessage).toBe("CancelThread is not implemented");
      const missing = await expectCode(client.getThread({ threadId: "thr_nope" }), Code.NotFound);
      expect(missing.rawMessage).toBe("thread thr_nope not found");
    });

    it("cancels the upstream call when the browser aborts its stream", async () => {
      const client = browserClient(kind, running.baseUrl);
      const abort = new AbortController();
      const responses = client.watchThread({ threadId: THREAD.thread_id }, { signal: abort.signal });
      const stream = responses[Symbol.asyncIterator]();
      const first = stream.next();
      const watch = await upstream.nextWatch();
      watch.write({ sequence: "1", thread_started: { total_steps: 1 } });
      expect((await first).value?.sequence).toBe(1n);
      expect(watch.isCancelled()).toBe(false);

      abort.abort();
      await expectCode(stream.next(), Code.Canceled);
      // grpc-js emits 'cancelled' on the upstream call: the abort crossed the gateway.
      await watch.cancelled;
      expect(watch.isCancelled()).toBe(true);
      await expect.poll(() => running.gateway.metrics.render()).toContain(
        'scriptum_gateway_open_streams{method="WatchThread"} 0',
      );
      await expect.poll(() => running.logLines.some((l) => /method=WatchThread code=CANCELLED/.test(l))).toBe(true);
    }, 15_000);
  });

  it("counts calls in the metrics and logs every call without a token", async () => {
    const client = browserClient("connect", running.baseUrl);
    await client.listThreads({});
    await expectCode(client.cancelThread({ threadId: "x" }), Code.Unimplemented);
    const text = running.gateway.metrics.render();
    expect(text).toMatch(/scriptum_gateway_requests_total\{method="ListThreads",code="OK"\} \d+/);
    expect(text).toMatch(/scriptum_gateway_requests_total\{method="CancelThread",code="UNIMPLEMENTED"\} \d+/);
    expect(text).toMatch(/scriptum_gateway_upstream_latency_seconds_count\{method="ListThreads"\} \d+/);

    expect(running.logLines.some((l) => /method=ListThreads code=OK duration_ms=\d+/.test(l))).toBe(true);
    expect(running.logLines.some((l) => /method=CancelThread code=UNIMPLEMENTED/.test(l))).toBe(true);
    const everything = running.logLines.join("\n");
    expect(everything).not.toContain("browser-token-123");
    expect(everything).not.toMatch(/bearer/i);
    expect(everything).not.toContain("org-browser");
  });

  it("is ready while the upstream answers HealthCheck", async () => {
    expect(await running.gateway.ready()).toBe(true);
  });
});

describe("gateway holding the credentials", () => {
  let upstream: GrpcJsUpstream;
  let running: RunningGateway;

  beforeAll(async () => {
    upstream = await startGrpcJsUpstream();
    running = await startGateway({
      upstream: upstream.url,
      credentials: { token: "held-token-456", orgId: "org-held", orgName: "Held Org" },
    });
  });

  afterAll(async () => {
    await running.stop();
    upstream.stop();
  });

  it("sends its own identity headers and drops the browser's, on unary calls and streams", async () => {
    const client = browserClient("grpc-web", running.baseUrl);
    await client.listThreads({});
    const stream = client.watchThread({ threadId: THREAD.thread_id })[Symbol.asyncIterator]();
    const first = stream.next();
    const watch = await upstream.nextWatch();
    watch.write({ sequence: "1", thread_started: {} });
    watch.end();
    await first;

    for (const method of ["ListThreads", "WatchThread"]) {
      const metadata = upstream.received.find((r) => r.method === method)?.metadata;
      expect(metadata?.get("authorization")).toEqual(["Bearer held-token-456"]);
      expect(metadata?.get("x-organization-id")).toEqual(["org-held"]);
      expect(metadata?.get("x-organization-name")).toEqual(["Held Org"]);
    }
    expect(running.logLines.join("\n")).not.toContain("held-token-456");
  });

  it("sends the held credentials on its own readiness probe", async () => {
    expect(await running.gateway.ready()).toBe(true);
    const probe = upstream.received.filter((r) => r.method === "HealthCheck").at(-1);
    expect(probe?.metadata.get("authorization")).toEqual(["Bearer held-token-456"]);
  });
});

describe("gateway readiness", () => {
  it("turns unready when the upstream stops", async () => {
    const upstream = await startGrpcJsUpstream();
    const running = await startGateway({ upstream: upstream.url, readyTimeoutMs: 1_000 });
    try {
      expect(await running.gateway.ready()).toBe(true);
      upstream.stop();
      await expect.poll(() => running.gateway.ready(), { timeout: 10_000 }).toBe(false);
      // Browser calls meanwhile fail as UNAVAILABLE, not as a hang.
      const client = browserClient("connect", running.baseUrl);
      const error = await expectCode(client.listThreads({}), Code.Unavailable);
      expect(error.rawMessage).not.toContain(`${upstream.port}`);
    } finally {
      await running.stop();
      upstream.stop();
    }
  });
});
