import { describe, expect, it } from "vitest";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { ScriptumService } from "./gen/dodil/scriptum/v1/scriptum_pb";
import { checkHealth } from "./health";

describe("checkHealth", () => {
  it("returns the server's version and the time the call took", async () => {
    const transport = createRouterTransport(({ service }) => {
      service(ScriptumService, { healthCheck: () => ({ status: "ok", version: "sandbox-0.1.0" }) });
    });
    let clock = 1_000;
    const result = await checkHealth(transport, { now: () => (clock += 7) });
    expect(result).toEqual({ status: "ok", version: "sandbox-0.1.0", elapsedMs: 7 });
  });

  it("fails with the server's error", async () => {
    const transport = createRouterTransport(({ service }) => {
      service(ScriptumService, {
        healthCheck() {
          throw new ConnectError("token expired", Code.Unauthenticated);
        },
      });
    });
    await expect(checkHealth(transport)).rejects.toMatchObject({ code: Code.Unauthenticated, rawMessage: "token expired" });
  });
});
