// Reading errors from Scriptum calls: the gRPC code name, the server's own message, BadRequest
// field violations and ErrorInfo. Everything the console shows about a failed call comes from here.
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema } from "./gen/google/rpc/error_details_pb";

export interface FieldViolation {
  /** Dot-separated path of the field in the request, as the server names it. */
  field: string;
  description: string;
}

export interface ErrorDescription {
  /** Undefined when the error did not come from a call (a bug in the page, say). */
  code: Code | undefined;
  /** "NOT_FOUND", "INVALID_ARGUMENT"…, or "ERROR" when there is no code. */
  codeName: string;
  /** The server's message, without the "[code]" prefix ConnectError adds. */
  message: string;
  fieldViolations: FieldViolation[];
  reason: string | undefined;
  domain: string | undefined;
}

/** Codes for which repeating the same call gives the same answer: never retried. */
export const NON_RETRYABLE_CODES: ReadonlySet<Code> = new Set([
  Code.InvalidArgument,
  Code.NotFound,
  Code.FailedPrecondition,
  Code.Unimplemented,
  Code.Unauthenticated,
  Code.PermissionDenied,
  Code.AlreadyExists,
  Code.OutOfRange,
  Code.Canceled,
]);

/** The canonical gRPC name of a code: Code.NotFound → "NOT_FOUND". */
export function codeName(code: Code): string {
  const name = Code[code] as string | undefined;
  if (name === undefined) return `CODE_${code}`;
  if (code === Code.Canceled) return "CANCELLED";
  return name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

export function isConnectError(err: unknown): err is ConnectError {
  return err instanceof ConnectError;
}

export function errorCode(err: unknown): Code | undefined {
  return isConnectError(err) ? err.code : undefined;
}

export function hasCode(err: unknown, code: Code): boolean {
  return errorCode(err) === code;
}

/** The credentials are missing, wrong, or do not reach this organization: fix them in /settings. */
export function isAuthError(err: unknown): boolean {
  const code = errorCode(err);
  return code === Code.Unauthenticated || code === Code.PermissionDenied;
}

/** Transient failures (UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL…) are worth another try. */
export function isRetryableError(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && !NON_RETRYABLE_CODES.has(code);
}

export function fieldViolations(err: unknown): FieldViolation[] {
  if (!isConnectError(err)) return [];
  return err
    .findDetails(BadRequestSchema)
    .flatMap((detail) => detail.fieldViolations)
    .map((violation) => ({ field: violation.field, description: violation.description }));
}

export function errorInfo(
  err: unknown,
): { reason: string; domain: string; metadata: Record<string, string> } | undefined {
  if (!isConnectError(err)) return undefined;
  const info = err.findDetails(ErrorInfoSchema)[0];
  if (info === undefined) return undefined;
  return { reason: info.reason, domain: info.domain, metadata: { ...info.metadata } };
}

export function describeError(err: unknown): ErrorDescription {
  if (isConnectError(err)) {
    const info = errorInfo(err);
    return {
      code: err.code,
      codeName: codeName(err.code),
      message: err.rawMessage,
      fieldViolations: fieldViolations(err),
      reason: info?.reason,
      domain: info?.domain,
    };
  }
  return {
    code: undefined,
    codeName: "ERROR",
    message: err instanceof Error ? err.message : String(err),
    fieldViolations: [],
    reason: undefined,
    domain: undefined,
  };
}

/** One line for logs, toasts and titles: "NOT_FOUND: thread thr_1 not found". */
export function errorSummary(err: unknown): string {
  const { codeName: name, message } = describeError(err);
  return message === "" ? name : `${name}: ${message}`;
}

/**
 * A call the call gate did not send (api/callGate.ts): the service is unreachable or refused the
 * credentials, and asking again now would only repeat that. Same code and message as a real
 * answer, so pages show it like one; `isHeldByGate` tells it apart (e.g. not to retry it).
 */
export class CallHeldError extends ConnectError {
  readonly heldByGate = true;

  constructor(message: string, code: Code, metadata?: HeadersInit, cause?: unknown) {
    super(message, code, metadata, undefined, cause);
  }
}

/** The call was not sent: the call gate held it back. */
export function isHeldByGate(err: unknown): boolean {
  // Not `instanceof CallHeldError`: ConnectError's own Symbol.hasInstance (inherited) accepts any
  // ConnectError-shaped value.
  return isConnectError(err) && (err as Partial<CallHeldError>).heldByGate === true;
}
