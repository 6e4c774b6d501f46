// The console server's plumbing with a small real backend (not the sandbox): both ports, every
// protocol, auth, open-stream counting, and close() ending open streams and connections.
import { create } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { afterEach, describe, expect, it } from "vitest";
import { ThreadSchema, WatchThreadResponseSchema } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { clientFor, PROTOCOLS } from "../integration/clients";
import { httpRequest } from "../integration/http-get";
import { inBackground } from "../integration/streams";
import { expectCode, waitFor } from "../integration/wait";
import { DEFAULT_OPTIONS, type ServerOptions } from "../options";
import { serveConsole, type ConsoleBackend, type ConsoleServer } from "./console-server";

function backend(log: string[]): ConsoleBackend {
  return {
    service: {
      getThread: (req) => create(ThreadSchema, { threadId: req.threadId }),
      healthCheck: () => ({ status: "ok", version: "backend-test" }),
      // One event, then quiet until the call ends.
      async *watchThread(req, context) {
        yield create(WatchThreadResponseSchema, { sequence: 1n, threadId: req.threadId });
        await new Promise((resolve) => context.signal.addEventListener("abort", resolve, { once: true }));
        log.push("watch ended");
      },
    },
    ready: () => Promise.resolve(true),
    eventLog: (threadId) => (threadId === "t1" ? [{ sequence: "1" }] : undefined),
    close: () => {
      log.push("backend closed");
      return Promise.resolve();
    },
  };
}

const options = (overrides: Partial<ServerOptions> = {}): ServerOptions => ({
  ...DEFAULT_OPTIONS,
  port: 0,
  grpcPort: 0,
  dataDir: null,
  staticDir: "/nonexistent-console-dist",
  ...overrides,
});

describe("serveConsole", () => {
  const running: ConsoleServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  it.each(PROTOCOLS)("answers unary calls and streams over %s, and counts open streams", async (protocol) => {
    const log: string[] = [];
    const server = await serveConsole(options(), backend(log));
    running.push(server);
    const client = clientFor(protocol, server);
    expect((await client.getThread({ threadId: "t7" })).threadId).toBe("t7");
    await expectCode(client.listThreads({}), Code.Unimplemented);
    const watch = inBackground((signal) => client.watchThread({ threadId: "t7" }, { signal }));
    await waitFor("the first event", () => watch.items.length === 1);
    expect(server.openStreams()).toBe(1);
    watch.stop();
    await watch.done;
    await waitFor("the stream to close on the server", () => server.openStreams() === 0);
    await waitFor("the implementation to see the end", () => log.includes("watch ended"));
  });

  it("enforces --require-token and --require-org on both ports, never on HealthCheck", async () => {
    const server = await serveConsole(options({ requireToken: "tok", requireOrg: "o1" }), backend([]));
    running.push(server);
    for (const protocol of PROTOCOLS) {
      const client = clientFor(protocol, server);
      expect((await client.healthCheck({})).version).toBe("backend-test");
      await expectCode(client.getThread({ threadId: "t" }), Code.Unauthenticated);
      await expectCode(
        client.getThread({ threadId: "t" }, { headers: { authorization: "Bearer tok", "x-organization-id": "o2" } }),
        Code.PermissionDenied,
      );
      const ok = await client.getThread(
        { threadId: "t" },
        { headers: { authorization: "Bearer tok", "x-organization-id": "o1" } },
      );
      expect(ok.threadId).toBe("t");
    }
  });

  it("close() ends open streams on both ports, then closes the backend", async () => {
    const log: string[] = [];
    const server = await serveConsole(options(), backend(log));
    const watches = PROTOCOLS.map((protocol) => {
      const client = clientFor(protocol, server);
      return inBackground((signal) => client.watchThread({ threadId: "t1" }, { signal }));
    });
    await waitFor("three open streams", () => server.openStreams() === 3);
    await server.close();
    for (const watch of watches) {
      await expect(watch.done).rejects.toBeDefined();
    }
    expect(log.filter((l) => l === "watch ended")).toHaveLength(3);
    expect(log.at(-1)).toBe("backend closed");
    expect(server.openStreams()).toBe(0);
    await server.close(); // idempotent
    expect(log.filter((l) => l === "backend closed")).toHaveLength(1);
  });

  it("reports a port in use clearly and closes the backend", async () => {
    const first = await serveConsole(options(), backend([]));
    running.push(first);
    const log: string[] = [];
    await expect(serveConsole(options({ port: first.port }), backend(log))).rejects.toThrow(
      `127.0.0.1:${first.port} is already in use (choose another --port)`,
    );
    expect(log).toEqual(["backend closed"]);
  });

  it("serves the management endpoints, and the event log only with fault injection", async () => {
    const plain = await serveConsole(options(), backend([]));
    running.push(plain);
    expect((await httpRequest(`${plain.url}/ready`)).status).toBe(200);
    expect((await httpRequest(`${plain.url}/__sandbox/threads/t1/events`)).status).toBe(404);
    const faulty = await serveConsole(options({ enableFaultInjection: true }), backend([]));
    running.push(faulty);
    const res = await httpRequest(`${faulty.url}/__sandbox/threads/t1/events`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ threadId: "t1", events: [{ sequence: "1" }] });
    expect((await httpRequest(`${faulty.url}/__sandbox/threads/t2/events`)).status).toBe(404);
    expect((await httpRequest(`${faulty.url}/__sandbox/artifacts/t1/a.json`)).status).toBe(404);
  });
});
