import { describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema } from "../../src/api/gen/google/rpc/error_details_pb";
import { passThroughError } from "./pass-through-error";

describe("passThroughError", () => {
  it("keeps code, message and details, and only correlation headers", () => {
    const upstream = new ConnectError(
      "input_json does not match",
      Code.InvalidArgument,
      { "content-type": "application/grpc", "grpc-status": "3", "x-request-id": "req-1" },
      [{ desc: BadRequestSchema, value: { fieldViolations: [{ field: "mb", description: "must be more than 0" }] } }],
    );
    const out = passThroughError(upstream);
    expect(out.code).toBe(Code.InvalidArgument);
    expect(out.rawMessage).toBe("input_json does not match");
    expect(out.findDetails(BadRequestSchema)[0]?.fieldViolations[0]?.field).toBe("mb");
    expect(out.metadata.get("x-request-id")).toBe("req-1");
    expect(out.metadata.get("content-type")).toBeNull();
    expect(out.metadata.get("grpc-status")).toBeNull();
  });

  it("does not tell the browser the upstream's address when it cannot be reached", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 10.1.2.3:443"), { code: "ECONNREFUSED" });
    const out = passThroughError(new ConnectError("connect ECONNREFUSED 10.1.2.3:443", Code.Unavailable, undefined, undefined, refused));
    expect(out.code).toBe(Code.Unavailable);
    expect(out.rawMessage).toBe("the upstream Scriptum cannot be reached (ECONNREFUSED)");
  });
});
