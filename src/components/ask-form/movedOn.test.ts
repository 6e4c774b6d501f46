import { describe, expect, it } from "vitest";
import { ThreadStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { thread } from "../../api/asks/testing/fakeScriptum";
import { movedOnReason } from "./movedOn";

describe("movedOnReason", () => {
  it("tells expiry and exhausted attempts from an answer", () => {
    expect(movedOnReason(thread({ threadId: "t", status: ThreadStatus.FAILED, error: "ask at step 3 expired" }))).toBe("expired");
    expect(movedOnReason(thread({ threadId: "t", status: ThreadStatus.FAILED, error: "ask at step 3 ran out of attempts" }))).toBe(
      "no-attempts-left",
    );
    expect(movedOnReason(thread({ threadId: "t", status: ThreadStatus.RUNNING }))).toBe("not-paused");
    expect(movedOnReason(thread({ threadId: "t", status: ThreadStatus.FAILED, error: "boom" }))).toBe("not-paused");
  });
});
