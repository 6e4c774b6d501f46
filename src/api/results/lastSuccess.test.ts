import { describe, expect, it } from "vitest";
import { createClient, createRouterTransport } from "@connectrpc/connect";
import { ScriptumService, ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { fakeScriptum } from "../steps/testing/fakeScriptum";
import { findLastSuccess } from "./lastSuccess";

describe("findLastSuccess", () => {
  it("picks the latest completed thread of the same script, never the thread itself", async () => {
    const t = (id: string, script: string, status: ThreadStatus, at: number) => ({ threadId: id, scriptName: script, status, createdAtMs: at, steps: [] });
    const client = createClient(
      ScriptumService,
      fakeScriptum([
        t("bad", "flaky-report", ThreadStatus.FAILED, 5000),
        t("old", "flaky-report", ThreadStatus.COMPLETED, 1000),
        t("new", "flaky-report", ThreadStatus.COMPLETED, 3000),
        t("other", "fanout", ThreadStatus.COMPLETED, 9000),
      ]),
    );
    expect((await findLastSuccess(client, "flaky-report", "bad"))?.threadId).toBe("new");
    expect(await findLastSuccess(client, "nothing", "bad")).toBeNull();
  });

  it("stops when the service repeats a page token", async () => {
    let calls = 0;
    const client = createClient(
      ScriptumService,
      createRouterTransport(({ service }) =>
        service(ScriptumService, {
          listThreads: () => {
            calls++;
            return { threads: [], nextPageToken: "same" };
          },
        }),
      ),
    );
    expect(await findLastSuccess(client, "flaky-report", "x")).toBeNull();
    expect(calls).toBe(2);
  });
});
