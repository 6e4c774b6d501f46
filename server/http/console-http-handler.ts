// The console server's own HTTP endpoints (everything that is not an RPC): management probes,
// the sandbox's test endpoints, artifact downloads, and the built console.
import type { FaultController } from "../faults/fault-controller";
import { parseFaultUpdate } from "../faults/fault-state";
import { matchHttpRoute } from "./http-routes";
import { readBody, sendJson, sendText, type NodeRequest, type NodeResponse } from "./responses";
import { contentTypeFor } from "./content-types";
import type { StaticHandler } from "./static-handler";

export interface ConsoleHttpOptions {
  faultInjection: boolean;
  faults: FaultController;
  /** Whether the service behind the console answers (HealthCheck). */
  ready: () => Promise<boolean>;
  /** A thread's event log as JSON values; undefined for an unknown thread (or no sandbox). */
  eventLog: (threadId: string) => unknown[] | undefined;
  /** An artifact's bytes; undefined when unknown (or no sandbox). */
  readArtifact: (threadId: string, name: string) => AsyncIterable<Uint8Array> | undefined;
  staticFiles: StaticHandler;
}

const MAX_FAULT_BODY_BYTES = 64 * 1024;

export function createConsoleHttpHandler(options: ConsoleHttpOptions) {
  const { faults } = options;

  function faultsView(): Record<string, unknown> {
    return { ...faults.state(), openStreams: faults.openStreams() };
  }

  return async function handle(req: NodeRequest, res: NodeResponse): Promise<void> {
    const method = req.method ?? "GET";
    const pathname = new URL(req.url ?? "/", "http://console.invalid").pathname;
    const route = matchHttpRoute(method, pathname, { faultInjection: options.faultInjection });
    switch (route.kind) {
      case "health":
        sendJson(res, 200, { status: "ok" });
        return;
      case "ready": {
        const ready = await options.ready().catch(() => false);
        sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "unavailable" });
        return;
      }
      case "get-faults":
        sendJson(res, 200, faultsView());
        return;
      case "set-faults": {
        const body = await readBody(req, MAX_FAULT_BODY_BYTES);
        if (body === null) {
          sendJson(res, 413, { error: "the body is too large" });
          return;
        }
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          sendJson(res, 400, { error: "the body is not JSON; send e.g. {\"watch\": \"buffer\"}" });
          return;
        }
        const parsed = parseFaultUpdate(json);
        if (!parsed.ok) {
          sendJson(res, 400, { error: parsed.message });
          return;
        }
        const { dropped } = faults.update(parsed.update);
        sendJson(res, 200, { ...faultsView(), droppedStreams: dropped });
        return;
      }
      case "thread-events": {
        const events = options.eventLog(route.threadId);
        if (events === undefined) {
          sendJson(res, 404, { error: `unknown thread "${route.threadId}"` });
          return;
        }
        sendJson(res, 200, { threadId: route.threadId, events });
        return;
      }
      case "artifact": {
        const bytes = options.readArtifact(route.threadId, route.name);
        if (bytes === undefined) {
          sendJson(res, 404, { error: `unknown artifact "${route.name}" of thread "${route.threadId}"` });
          return;
        }
        await sendArtifact(req, res, route.name, bytes);
        return;
      }
      case "method-not-allowed":
        res.setHeader("Allow", route.allow);
        sendText(res, 405, "method not allowed\n");
        return;
      case "not-found":
        sendText(res, 404, "not found\n");
        return;
      case "static":
        await options.staticFiles(req, res);
        return;
    }
  };
}

async function sendArtifact(
  req: NodeRequest,
  res: NodeResponse,
  name: string,
  bytes: AsyncIterable<Uint8Array>,
): Promise<void> {
  res.setHeader("Content-Type", contentTypeFor(name));
  res.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
  res.setHeader("Cache-Control", "no-store");
  res.writeHead(200);
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  try {
    for await (const chunk of bytes) {
      if (res.destroyed) break;
      if (!res.write(chunk)) await drained(res);
    }
    res.end();
  } catch {
    res.destroy();
  }
}

function drained(res: NodeResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
