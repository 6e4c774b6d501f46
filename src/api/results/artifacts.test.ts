import { describe, expect, it } from "vitest";
import { createClient } from "@connectrpc/connect";
import { ScriptumService, ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { fakeScriptum } from "../steps/testing/fakeScriptum";
import { listArtifacts, safeHttpUrl } from "./artifacts";

describe("artifacts", () => {
  it("turns UNIMPLEMENTED into a state, not an error", async () => {
    const client = createClient(ScriptumService, fakeScriptum([{ threadId: "t", scriptName: "s", status: ThreadStatus.COMPLETED, steps: [] }]));
    await expect(listArtifacts(client, "t")).resolves.toEqual({ kind: "unimplemented" });
  });
  it("accepts only http(s) URLs", () => {
    expect(safeHttpUrl("https://logs.example.com/x?a=1")).toBe("https://logs.example.com/x?a=1");
    expect(safeHttpUrl("javascript:alert(1)")).toBeNull();
    expect(safeHttpUrl("data:text/html,<b>")).toBeNull();
    expect(safeHttpUrl("/relative")).toBeNull();
  });
});
