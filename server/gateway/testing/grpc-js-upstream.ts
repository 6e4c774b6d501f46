// A tiny Scriptum written with another gRPC implementation (@grpc/grpc-js + @grpc/proto-loader,
// serving the project's .proto) for the gateway's interop test. It records what it receives and
// lets the test drive WatchThread message by message. Listens on 127.0.0.1, ephemeral port.
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { create, toBinary } from "@bufbuild/protobuf";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { BadRequestSchema } from "../../../src/api/gen/google/rpc/error_details_pb";

const root = fileURLToPath(new URL("../../../", import.meta.url));

type Req = Record<string, unknown>;

export interface WatchCall {
  request: Req;
  metadata: grpc.Metadata;
  write(message: Req): void;
  end(): void;
  /** Resolves when grpc-js reports the call cancelled (the client went away). */
  cancelled: Promise<void>;
  isCancelled(): boolean;
}

export interface GrpcJsUpstream {
  /** "http://127.0.0.1:PORT" */
  url: string;
  port: number;
  /** Metadata of every call received, by method name, in order. */
  received: { method: string; metadata: grpc.Metadata }[];
  /** The next WatchThread call, as soon as it arrives. */
  nextWatch(): Promise<WatchCall>;
  stop(): void;
}

export const THREAD = {
  thread_id: "thr_interop_1",
  script_name: "invoice-parser",
  version: 3,
  status: "THREAD_STATUS_PAUSED",
  current_step_path: "1.2",
  total_steps: 4,
  created_at_ms: "1748390400000",
  metadata: { source: "interop" },
};

export async function startGrpcJsUpstream(): Promise<GrpcJsUpstream> {
  const definition = protoLoader.loadSync(`${root}proto/dodil/scriptum/v1/scriptum.proto`, {
    includeDirs: [`${root}proto`, `${root}node_modules/google-proto-files`],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const service = definition["dodil.scriptum.v1.ScriptumService"] as grpc.ServiceDefinition;
  const received: GrpcJsUpstream["received"] = [];
  const watchWaiters: ((call: WatchCall) => void)[] = [];
  const pendingWatches: WatchCall[] = [];

  const record = (method: string, metadata: grpc.Metadata) => received.push({ method, metadata });

  const implementation: grpc.UntypedServiceImplementation = {
    ListThreads(call: grpc.ServerUnaryCall<Req, Req>, callback: grpc.sendUnaryData<Req>) {
      record("ListThreads", call.metadata);
      callback(null, { threads: [THREAD], next_page_token: "" });
    },
    GetThread(call: grpc.ServerUnaryCall<Req, Req>, callback: grpc.sendUnaryData<Req>) {
      record("GetThread", call.metadata);
      if (call.request.thread_id !== THREAD.thread_id) {
        callback({ code: grpc.status.NOT_FOUND, details: `thread ${String(call.request.thread_id)} not found` });
        return;
      }
      callback(null, THREAD);
    },
    ResumeThread(call: grpc.ServerUnaryCall<Req, Req>, callback: grpc.sendUnaryData<Req>) {
      record("ResumeThread", call.metadata);
      const override = String(call.request.step_input_override_json ?? "");
      let answer: unknown;
      try {
        answer = JSON.parse(override);
      } catch {
        answer = undefined;
      }
      const approved = (answer as { approved?: unknown } | undefined)?.approved;
      if (typeof approved !== "boolean") {
        callback(invalidArgument("answer rejected", "approved", "must be true or false"));
        return;
      }
      callback(null, { thread: { ...THREAD, status: "THREAD_STATUS_RUNNING" } });
    },
    CancelThread(call: grpc.ServerUnaryCall<Req, Req>, callback: grpc.sendUnaryData<Req>) {
      record("CancelThread", call.metadata);
      callback({ code: grpc.status.UNIMPLEMENTED, details: "CancelThread is not implemented" });
    },
    HealthCheck(call: grpc.ServerUnaryCall<Req, Req>, callback: grpc.sendUnaryData<Req>) {
      record("HealthCheck", call.metadata);
      callback(null, { status: "ok", version: "grpc-js-upstream" });
    },
    WatchThread(call: grpc.ServerWritableStream<Req, Req>) {
      record("WatchThread", call.metadata);
      let cancelled = false;
      const watch: WatchCall = {
        request: call.request,
        metadata: call.metadata,
        write: (message) => call.write(message),
        end: () => call.end(),
        cancelled: new Promise((resolve) =>
          call.on("cancelled", () => {
            cancelled = true;
            resolve();
          }),
        ),
        isCancelled: () => cancelled,
      };
      const waiter = watchWaiters.shift();
      if (waiter === undefined) pendingWatches.push(watch);
      else waiter(watch);
    },
  };

  const server = new grpc.Server();
  server.addService(service, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error === null ? resolve(bound) : reject(error),
    ),
  );

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    nextWatch() {
      const pending = pendingWatches.shift();
      if (pending !== undefined) return Promise.resolve(pending);
      return new Promise((resolve) => watchWaiters.push(resolve));
    },
    stop() {
      server.forceShutdown();
    },
  };
}

/** INVALID_ARGUMENT with a google.rpc.BadRequest detail, the way a gRPC server in Go sends it. */
function invalidArgument(message: string, field: string, description: string): Partial<grpc.StatusObject> {
  const badRequest = toBinary(
    BadRequestSchema,
    create(BadRequestSchema, { fieldViolations: [{ field, description }] }),
  );
  // google.rpc.Status { code = 1; message = 2; repeated google.protobuf.Any details = 3; }
  const status = new BinaryWriter()
    .tag(1, WireType.Varint)
    .int32(grpc.status.INVALID_ARGUMENT)
    .tag(2, WireType.LengthDelimited)
    .string(message)
    .tag(3, WireType.LengthDelimited)
    .fork()
    .tag(1, WireType.LengthDelimited)
    .string("type.googleapis.com/google.rpc.BadRequest")
    .tag(2, WireType.LengthDelimited)
    .bytes(badRequest)
    .join()
    .finish();
  const metadata = new grpc.Metadata();
  metadata.set("grpc-status-details-bin", Buffer.from(status));
  return { code: grpc.status.INVALID_ARGUMENT, details: message, metadata };
}
