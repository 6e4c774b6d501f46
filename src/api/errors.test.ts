import { describe, expect, it } from "vitest";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { ScriptumService } from "./gen/dodil/scriptum/v1/scriptum_pb";
import { BadRequestSchema, ErrorInfoSchema } from "./gen/google/rpc/error_details_pb";
import { codeName, describeError, errorSummary, fieldViolations, isAuthError, isRetryableError } from "./errors";

/** An error as the client receives it: thrown by a real handler, sent over the Connect protocol. */
async function errorFromServer(error: ConnectError): Promise<unknown> {
  const transport = createRouterTransport(({ service }) => {
    service(ScriptumService, {
      resumeThread() {
        throw error;
      },
    });
  });
  return createClient(ScriptumService, transport)
    .resumeThread({ threadId: "thr_1" })
    .then(
      () => {
        throw new Error("expected the call to fail");
      },
      (err: unknown) => err,
    );
}

describe("codeName", () => {
  it("gives the canonical gRPC names", () => {
    expect(codeName(Code.InvalidArgument)).toBe("INVALID_ARGUMENT");
    expect(codeName(Code.NotFound)).toBe("NOT_FOUND");
    expect(codeName(Code.FailedPrecondition)).toBe("FAILED_PRECONDITION");
    expect(codeName(Code.Unauthenticated)).toBe("UNAUTHENTICATED");
    expect(codeName(Code.PermissionDenied)).toBe("PERMISSION_DENIED");
    expect(codeName(Code.Canceled)).toBe("CANCELLED");
    expect(codeName(Code.DeadlineExceeded)).toBe("DEADLINE_EXCEEDED");
  });
});

describe("describeError", () => {
  it("reads code, message, field violations and ErrorInfo sent by the server", async () => {
    const err = await errorFromServer(
      new ConnectError("answer rejected", Code.InvalidArgument, undefined, [
        {
          desc: BadRequestSchema,
          value: {
            fieldViolations: [
              { field: "step_input_override_json.amount", description: "must be a number" },
              { field: "step_input_override_json.currency", description: "must be one of USD, EUR, GBP" },
            ],
          },
        },
        { desc: ErrorInfoSchema, value: { reason: "ASK_VALIDATION", domain: "scriptum.dodil.io" } },
      ]),
    );
    expect(describeError(err)).toEqual({
      code: Code.InvalidArgument,
      codeName: "INVALID_ARGUMENT",
      message: "answer rejected",
      fieldViolations: [
        { field: "step_input_override_json.amount", description: "must be a number" },
        { field: "step_input_override_json.currency", description: "must be one of USD, EUR, GBP" },
      ],
      reason: "ASK_VALIDATION",
      domain: "scriptum.dodil.io",
    });
    expect(errorSummary(err)).toBe("INVALID_ARGUMENT: answer rejected");
  });

  it("has no violations when the server sent none", async () => {
    const err = await errorFromServer(new ConnectError("thread is not paused", Code.FailedPrecondition));
    expect(fieldViolations(err)).toEqual([]);
    expect(describeError(err)).toMatchObject({ codeName: "FAILED_PRECONDITION", message: "thread is not paused" });
  });

  it("describes errors that did not come from a call without inventing a code", () => {
    expect(describeError(new TypeError("x is undefined"))).toMatchObject({
      code: undefined,
      codeName: "ERROR",
      message: "x is undefined",
    });
    expect(describeError("plain string")).toMatchObject({ message: "plain string" });
  });
});

describe("isAuthError / isRetryableError", () => {
  it("classifies codes", () => {
    expect(isAuthError(new ConnectError("", Code.Unauthenticated))).toBe(true);
    expect(isAuthError(new ConnectError("", Code.PermissionDenied))).toBe(true);
    expect(isAuthError(new ConnectError("", Code.NotFound))).toBe(false);
    expect(isRetryableError(new ConnectError("", Code.Unavailable))).toBe(true);
    expect(isRetryableError(new ConnectError("", Code.InvalidArgument))).toBe(false);
    expect(isRetryableError(new Error("bug"))).toBe(false);
  });
});
