// The gateway: a ScriptumService implementation that forwards every call to a real Scriptum over
// native gRPC (HTTP/2; http:// = cleartext, https:// = TLS). Mounted with connectNodeAdapter like
// the sandbox, so browsers reach it with Connect or gRPC-Web. It holds no state: several gateways
// can run behind one load balancer.
//
// - Server streams pass through message by message; when the browser goes away, the handler
//   context's signal aborts and the upstream call is cancelled.
// - Identity headers: the browser's by default, or the gateway's own (see forward-headers.ts).
// - Errors keep their code, message and details (see pass-through-error.ts).
// - Every call is counted in the metrics and written as one access log line (never a header).
import type {
  DescMessage,
  DescMethod,
  DescMethodBiDiStreaming,
  DescMethodClientStreaming,
  DescMethodServerStreaming,
  DescMethodUnary,
  MessageShape,
} from "@bufbuild/protobuf";
import {
  Code,
  ConnectError,
  type HandlerContext,
  type ServiceImpl,
  type Transport,
} from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";
import { ScriptumService } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { formatAccessLogLine, type AccessLogSink } from "./access-log";
import { grpcCodeName } from "./code-name";
import { upstreamHeaders, type GatewayCredentials } from "./forward-headers";
import { createGatewayMetrics, type GatewayMetrics } from "./metrics";
import { passThroughError } from "./pass-through-error";
import { parseUpstreamUrl } from "./upstream-url";

export interface GatewayOptions {
  /** The real Scriptum's gRPC endpoint: "https://rpc.dev.dodil.io:443" or "http://127.0.0.1:PORT". */
  upstream: string;
  /** Set: the gateway sends these identity headers itself and drops the browser's. */
  credentials?: GatewayCredentials;
  /** Access log lines; default: stdout. Pass () => {} to silence. */
  log?: AccessLogSink;
  /** Default: a fresh registry. */
  metrics?: GatewayMetrics;
  /** How long ready() waits for HealthCheck; default 2000 ms. */
  readyTimeoutMs?: number;
  /** Clock for durations (tests); default performance.now. */
  now?: () => number;
}

export interface Gateway {
  /** Mount with connectNodeAdapter({ routes: (r) => r.service(ScriptumService, gateway.service) }). */
  service: ServiceImpl<typeof ScriptumService>;
  /** The upstream answers HealthCheck (for /ready). Never throws. */
  ready(): Promise<boolean>;
  metrics: GatewayMetrics;
  /** The normalised upstream URL (for logs and the startup banner). */
  upstream: string;
  /** Closes the HTTP/2 connection to the upstream, cancelling any open call. */
  close(): void;
}

export function createGatewayService(options: GatewayOptions): Gateway {
  const parsed = parseUpstreamUrl(options.upstream);
  if (!parsed.ok) throw new Error(parsed.message);
  const upstream = parsed.url;
  const sessionManager = new Http2SessionManager(upstream, {
    // A gateway holds long-lived watch streams; keep the connection verified.
    pingIntervalMs: 30_000,
    pingTimeoutMs: 10_000,
  });
  const transport = createGrpcTransport({ baseUrl: upstream, sessionManager });
  const metrics = options.metrics ?? createGatewayMetrics();
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => performance.now());
  const readyTimeoutMs = options.readyTimeoutMs ?? 2_000;
  const forward = createForwarders({ transport, credentials: options.credentials, metrics, log, now });

  const service: Record<string, unknown> = {};
  for (const method of ScriptumService.methods) {
    service[method.localName] = forward(method);
  }

  return {
    service: service as ServiceImpl<typeof ScriptumService>,
    metrics,
    upstream,
    async ready() {
      try {
        await transport.unary(
          ScriptumService.method.healthCheck,
          AbortSignal.timeout(readyTimeoutMs),
          readyTimeoutMs,
          upstreamHeaders(new Headers(), options.credentials),
          {},
        );
        return true;
      } catch {
        return false;
      }
    },
    close() {
      sessionManager.abort();
    },
  };
}

interface ForwarderDeps {
  transport: Transport;
  credentials: GatewayCredentials | undefined;
  metrics: GatewayMetrics;
  log: AccessLogSink;
  now: () => number;
}

/** One handler per method kind; each forwards to the same method upstream. */
function createForwarders(deps: ForwarderDeps): (method: DescMethod) => unknown {
  const { transport, credentials, metrics, log, now } = deps;

  const finish = (method: DescMethod, ctx: HandlerContext, started: number, code: string, messages?: number) => {
    metrics.countRequest(method.name, code);
    log(
      formatAccessLogLine({
        at: new Date(Date.now() - (now() - started)),
        method: method.name,
        code,
        durationMs: now() - started,
        messages,
        protocol: ctx.protocolName,
      }),
    );
  };

  function unary<I extends DescMessage, O extends DescMessage>(method: DescMethodUnary<I, O>) {
    return async (request: MessageShape<I>, ctx: HandlerContext): Promise<MessageShape<O>> => {
      const started = now();
      let code = "OK";
      try {
        const response = await transport.unary(
          method,
          ctx.signal,
          ctx.timeoutMs(),
          upstreamHeaders(ctx.requestHeader, credentials),
          request,
        );
        return response.message;
      } catch (reason) {
        const error = passThroughError(reason);
        code = grpcCodeName(error.code);
        throw error;
      } finally {
        metrics.observeUpstreamLatency(method.name, (now() - started) / 1000);
        finish(method, ctx, started, code);
      }
    };
  }

  /** Streams of every kind: the requests go up as they come, the responses down as they come. */
  async function* relay<I extends DescMessage, O extends DescMessage>(
    method: DescMethodServerStreaming<I, O> | DescMethodClientStreaming<I, O> | DescMethodBiDiStreaming<I, O>,
    requests: AsyncIterable<MessageShape<I>>,
    ctx: HandlerContext,
  ): AsyncGenerator<MessageShape<O>> {
    const started = now();
    let code = "OK";
    let messages = 0;
    let ended = false;
    metrics.streamOpened(method.name);
    try {
      const response = await transport.stream(
        method,
        ctx.signal,
        ctx.timeoutMs(),
        upstreamHeaders(ctx.requestHeader, credentials),
        requests,
      );
      metrics.observeUpstreamLatency(method.name, (now() - started) / 1000);
      for await (const message of response.message) {
        messages += 1;
        yield message;
      }
      ended = true;
    } catch (reason) {
      const error = passThroughError(reason);
      code = grpcCodeName(error.code);
      ended = true;
      throw error;
    } finally {
      // Left early without an error: the browser went away (its abort cancelled the upstream).
      if (!ended) code = grpcCodeName(Code.Canceled);
      metrics.streamClosed(method.name);
      finish(method, ctx, started, code, messages);
    }
  }

  return (method: DescMethod) => {
    switch (method.methodKind) {
      case "unary":
        return unary(method as DescMethodUnary<DescMessage, DescMessage>);
      case "server_streaming": {
        const streaming = method as DescMethodServerStreaming<DescMessage, DescMessage>;
        return (request: MessageShape<DescMessage>, ctx: HandlerContext) =>
          relay(streaming, single(request), ctx);
      }
      case "client_streaming": {
        const streaming = method as DescMethodClientStreaming<DescMessage, DescMessage>;
        return async (requests: AsyncIterable<MessageShape<DescMessage>>, ctx: HandlerContext) => {
          let last: MessageShape<DescMessage> | undefined;
          for await (const message of relay(streaming, requests, ctx)) last = message;
          if (last === undefined) throw new ConnectError("upstream sent no response", Code.Internal);
          return last;
        };
      }
      case "bidi_streaming": {
        const streaming = method as DescMethodBiDiStreaming<DescMessage, DescMessage>;
        return (requests: AsyncIterable<MessageShape<DescMessage>>, ctx: HandlerContext) =>
          relay(streaming, requests, ctx);
      }
      default:
        return assertNeverKind(method.methodKind);
    }
  };
}

async function* single<T>(value: T): AsyncIterable<T> {
  yield value;
}

function assertNeverKind(kind: never): never {
  throw new Error(`unknown method kind ${JSON.stringify(kind)}`);
}
