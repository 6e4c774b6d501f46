import { describe, expect, it } from "vitest";
import { ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { thread } from "../live/testEvents";
import { findNewThreads, freshRows } from "./newThreads";

const t = (threadId: string, createdAtMs: number, status = ThreadStatus.RUNNING) =>
  thread(status, { threadId, createdAtMs: BigInt(createdAtMs) });

describe("live refresh of the history", () => {
  it("offers only threads newer than the list's newest one", () => {
    const head = [t("n2", 300), t("n1", 250), t("a", 200), t("old-unseen", 100)];
    const listed = new Set(["a", "b"]);
    expect(findNewThreads(head, listed, 200n).map((x) => x.threadId)).toEqual(["n2", "n1"]);
  });

  it("returns the fresher copies of listed rows", () => {
    const head = [t("a", 200, ThreadStatus.FAILED), t("z", 300)];
    const fresh = freshRows(head, new Set(["a"]));
    expect([...fresh.keys()]).toEqual(["a"]);
    expect(fresh.get("a")?.status).toBe(ThreadStatus.FAILED);
  });
});
