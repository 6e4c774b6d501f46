// ConnectErrors with the codes and details the real service uses.
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema } from "../../src/api/gen/google/rpc/error_details_pb.js";
import type { Violation } from "./validate.js";

export const ERROR_DOMAIN = "scriptum.dodil.io";

/** Reasons in the google.rpc.ErrorInfo of FAILED_PRECONDITION answers. */
export type PreconditionReason =
  | "ASK_EXPIRED"
  | "ASK_NO_ATTEMPTS_LEFT"
  | "THREAD_NOT_PAUSED"
  | "THREAD_TERMINAL"
  | "OUTPUT_NOT_READY";

export function badRequest(message: string, violations: readonly Violation[]): ConnectError {
  return new ConnectError(message, Code.InvalidArgument, undefined, [
    { desc: BadRequestSchema, value: { fieldViolations: violations.map((v) => ({ field: v.field, description: v.description })) } },
  ]);
}

export function preconditionFailed(reason: PreconditionReason, message: string, metadata: Record<string, string> = {}): ConnectError {
  return new ConnectError(message, Code.FailedPrecondition, undefined, [
    { desc: ErrorInfoSchema, value: { reason, domain: ERROR_DOMAIN, metadata } },
  ]);
}

export function invalidArgument(message: string): ConnectError {
  return new ConnectError(message, Code.InvalidArgument);
}

export function notFound(message: string): ConnectError {
  return new ConnectError(message, Code.NotFound);
}

export function unimplemented(message: string): ConnectError {
  return new ConnectError(message, Code.Unimplemented);
}
