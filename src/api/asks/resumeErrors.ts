// What a failed ResumeThread means for the person answering. Pure: a ConnectError in, a plain
// classification out. FAILED_PRECONDITION is mapped by its google.rpc.ErrorInfo reason and, for a
// service that sends no ErrorInfo, by its message text.
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema } from "../gen/google/rpc/error_details_pb";

export const SCRIPTUM_ERROR_DOMAIN = "scriptum.dodil.io";

export type PreconditionReason = "expired" | "no-attempts-left" | "not-paused" | "unknown";

export type ResumeFailure =
  | { kind: "rejected"; violations: { field: string; description: string }[]; message: string }
  | { kind: "precondition"; reason: PreconditionReason; message: string }
  /** The request may or may not have reached the service: re-read the thread before retrying. */
  | { kind: "uncertain"; message: string }
  | { kind: "not-found"; message: string }
  | { kind: "denied"; message: string }
  | { kind: "other"; message: string };

export function classifyResumeError(error: unknown): ResumeFailure {
  const connectError = ConnectError.from(error);
  const message = connectError.rawMessage;
  switch (connectError.code) {
    case Code.InvalidArgument:
      return {
        kind: "rejected",
        violations: connectError
          .findDetails(BadRequestSchema)
          .flatMap((detail) => detail.fieldViolations.map((v) => ({ field: v.field, description: v.description }))),
        message,
      };
    case Code.FailedPrecondition:
      return { kind: "precondition", reason: preconditionReason(connectError), message };
    case Code.NotFound:
      return { kind: "not-found", message };
    case Code.Unauthenticated:
    case Code.PermissionDenied:
      return { kind: "denied", message };
    case Code.Unavailable:
    case Code.Unknown:
    case Code.DeadlineExceeded:
    case Code.Canceled:
    case Code.Aborted:
    case Code.Internal:
    case Code.ResourceExhausted:
    case Code.DataLoss:
      return { kind: "uncertain", message };
    default:
      return { kind: "other", message };
  }
}

export function preconditionReason(error: ConnectError): PreconditionReason {
  for (const info of error.findDetails(ErrorInfoSchema)) {
    if (info.domain !== SCRIPTUM_ERROR_DOMAIN && info.domain !== "") continue;
    const reason = reasonFromCode(info.reason);
    if (reason !== "unknown") return reason;
  }
  return reasonFromMessage(error.rawMessage);
}

function reasonFromCode(reason: string): PreconditionReason {
  switch (reason) {
    case "ASK_EXPIRED":
      return "expired";
    case "ASK_NO_ATTEMPTS_LEFT":
      return "no-attempts-left";
    case "THREAD_NOT_PAUSED":
      return "not-paused";
    default:
      return "unknown";
  }
}

/** For a service without ErrorInfo: "ask expired", "no attempts left", "thread is not paused". */
export function reasonFromMessage(message: string): PreconditionReason {
  const text = message.toLowerCase();
  if (/expire/.test(text)) return "expired";
  if (/attempt|retries|retry limit/.test(text)) return "no-attempts-left";
  if (/not paused|not waiting|already (been )?(answered|resumed)|no pending ask|not resumable|status/.test(text)) {
    return "not-paused";
  }
  return "unknown";
}

/** The plain explanation of a refused resume. */
export function explainPrecondition(reason: PreconditionReason, serverMessage: string): string {
  switch (reason) {
    case "expired":
      return "This ask has expired: the time to answer it is over, so the thread no longer accepts an answer.";
    case "no-attempts-left":
      return "This ask has no attempts left: too many answers were rejected, so the thread no longer accepts an answer.";
    case "not-paused":
      return "This ask was already answered: the thread is no longer waiting for it.";
    case "unknown":
      return serverMessage === ""
        ? "The service refused the answer because the thread is not in a state that accepts it."
        : `The service refused the answer: ${serverMessage}`;
  }
}
