// An in-memory ScriptumService for tests: real Connect handlers behind createRouterTransport.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError, createRouterTransport, type ServiceImpl } from "@connectrpc/connect";
import { createScriptumClient, type ScriptumClient } from "../../client";
import { ScriptumService, ThreadSchema, ThreadStatus, type Thread } from "../../gen/dodil/scriptum/v1/scriptum_pb";
import { BadRequestSchema, ErrorInfoSchema } from "../../gen/google/rpc/error_details_pb";

export type Handlers = Partial<ServiceImpl<typeof ScriptumService>>;

export function fakeClient(handlers: Handlers): ScriptumClient {
  return createScriptumClient(createRouterTransport((router) => router.service(ScriptumService, handlers)));
}

export function thread(fields: MessageInitShape<typeof ThreadSchema> & { threadId: string }): Thread {
  return create(ThreadSchema, { scriptName: "invoice-parser", status: ThreadStatus.PAUSED, currentStepPath: "3", ...fields });
}

export function badRequest(violations: { field: string; description: string }[]): ConnectError {
  return new ConnectError("invalid answer", Code.InvalidArgument, undefined, [
    { desc: BadRequestSchema, value: { fieldViolations: violations } },
  ]);
}

export function precondition(reason: string, message: string): ConnectError {
  return new ConnectError(message, Code.FailedPrecondition, undefined, [
    { desc: ErrorInfoSchema, value: { reason, domain: "scriptum.dodil.io" } },
  ]);
}
