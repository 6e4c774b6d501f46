// The console server's two ports: HTTP/1.1 for the console, Connect, gRPC-Web and JSON (one
// origin), and cleartext HTTP/2 for native gRPC clients. Whatever answers the RPCs (the sandbox
// today, an upstream gateway later) is a ConsoleBackend; the ports, interceptors (faults, auth),
// security headers, static files and the /__sandbox and management endpoints are the same.
import * as http from "node:http";
import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { Code, ConnectError, type ServiceImpl } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { ScriptumService } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { authInterceptor } from "../auth/auth-interceptor";
import { createFaultController, type FaultController } from "../faults/fault-controller";
import { faultInterceptor } from "../faults/fault-interceptor";
import type { ServerOptions } from "../options";
import { createConsoleHttpHandler } from "./console-http-handler";
import { sendText, type NodeRequest, type NodeResponse } from "./responses";
import { securityHeaders } from "./security-headers";
import { createStaticHandler } from "./static-handler";

/** What the console server puts behind its ports: the sandbox today, an upstream gateway later. */
export interface ConsoleBackend {
  /** Methods left out answer UNIMPLEMENTED. */
  service: Partial<ServiceImpl<typeof ScriptumService>>;
  /** Whether the service answers (HealthCheck); drives GET /ready. */
  ready(): Promise<boolean>;
  /** A thread's event log as JSON (GET /__sandbox/threads/:id/events); absent = not served. */
  eventLog?(threadId: string): unknown[] | undefined;
  /** An artifact's bytes (GET /__sandbox/artifacts/:id/:name); absent = not served. */
  readArtifact?(threadId: string, name: string): AsyncIterable<Uint8Array> | undefined;
  /** The backend's own HTTP endpoints (the gateway's /metrics, /__console/config); true = answered. */
  handleHttp?(req: NodeRequest, res: NodeResponse): boolean;
  close(): Promise<void>;
}

export interface ConsoleServer {
  /** The console, Connect and gRPC-Web: http://host:port */
  url: string;
  /** Native gRPC (cleartext HTTP/2): http://host:grpcPort */
  grpcUrl: string;
  port: number;
  grpcPort: number;
  faults: FaultController;
  /** Server streams open right now, on both ports. */
  openStreams(): number;
  /** Stops both servers (open connections and streams included), then the backend. Idempotent. */
  close(): Promise<void>;
}

/** Largest request message accepted (a 10 MB JSON input must reach validation, not break us). */
const READ_MAX_BYTES = 32 * 1024 * 1024;

/** Serves a backend on the console's two ports. Closes the backend if the ports cannot be had. */
export async function serveConsole(options: ServerOptions, backend: ConsoleBackend): Promise<ConsoleServer> {
  try {
    return await serve(options, backend);
  } catch (error) {
    await backend.close();
    throw error;
  }
}

/**
 * Every answer is `no-store` unless its handler says otherwise (the static files do). For the RPCs
 * this is about privacy and speed: thread outputs and step payloads should not be stored by the
 * browser, and on some machines Chromium read a big StreamThreadResult that did not say no-store
 * much slower (500 MB in a page: 153 MiB/s without the header, 271 with it on one machine; 256
 * against 294 on another: bench/FINDINGS.md). The fetch option `cache: "no-store"` did not help.
 */
const NOT_STORED = { "Cache-Control": "no-store" } as const;

async function serve(options: ServerOptions, backend: ConsoleBackend): Promise<ConsoleServer> {
  const faults = createFaultController();
  const shutdown = new AbortController();
  const consoleHttp = createConsoleHttpHandler({
    faultInjection: options.enableFaultInjection,
    faults,
    ready: () => backend.ready(),
    eventLog: (threadId) => backend.eventLog?.(threadId),
    readArtifact: (threadId, name) => backend.readArtifact?.(threadId, name),
    staticFiles: createStaticHandler(options.staticDir),
  });
  const rpc = connectNodeAdapter({
    routes: (router) => router.service(ScriptumService, backend.service),
    interceptors: [
      faultInterceptor(faults),
      authInterceptor({ requireToken: options.requireToken, requireOrg: options.requireOrg }),
    ],
    shutdownSignal: shutdown.signal,
    readMaxBytes: READ_MAX_BYTES,
    fallback: (req, res) => {
      if (backend.handleHttp?.(req, res) === true) return;
      consoleHttp(req, res).catch((error: unknown) => answerInternalError(res, error));
    },
  });
  const headers = Object.entries({ ...securityHeaders({ connectSrc: options.directEndpoints }), ...NOT_STORED });
  const handler = (req: NodeRequest, res: NodeResponse): void => {
    for (const [name, value] of headers) res.setHeader(name, value);
    rpc(req, res);
  };

  const http1 = http.createServer(handler);
  const h2 = http2.createServer({}, handler);
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });

  try {
    await listen(http1, options.port, options.host, "--port");
    await listen(h2, options.grpcPort, options.host, "--grpc-port");
  } catch (error) {
    await Promise.all([stop(http1), stop(h2)]);
    throw error;
  }
  const port = (http1.address() as AddressInfo).port;
  const grpcPort = (h2.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      shutdown.abort(new ConnectError("the server is shutting down", Code.Unavailable));
      const stopped = Promise.all([stop(http1), stop(h2)]);
      http1.closeAllConnections();
      for (const session of sessions) session.destroy();
      await stopped;
      await backend.close();
    })();
    return closing;
  };

  return {
    url: `http://${urlHost(options.host)}:${port}`,
    grpcUrl: `http://${urlHost(options.host)}:${grpcPort}`,
    port,
    grpcPort,
    faults,
    openStreams: () => faults.openStreams(),
    close,
  };
}

function answerInternalError(res: NodeResponse, error: unknown): void {
  console.error("console server:", error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendText(res, 500, "internal error\n");
}

function listen(server: http.Server | http2.Http2Server, port: number, host: string, flag: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off("listening", onListening);
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`${host}:${port} is already in use (choose another ${flag})`, { cause: error })
          : error,
      );
    };
    const onListening = (): void => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

function stop(server: http.Server | http2.Http2Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
  });
}

/** A host as it reads in a URL; a wildcard address reads as loopback, so the URL can be opened. */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}
