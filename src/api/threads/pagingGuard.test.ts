import { describe, expect, it } from "vitest";
import { ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { thread } from "../live/testEvents";
import { mergePages, nextPageParam, pagingEnd, pagingEndNotice, type ThreadPage } from "./pagingGuard";

const page = (ids: string[], nextPageToken: string): ThreadPage => ({
  threads: ids.map((threadId) => thread(ThreadStatus.COMPLETED, { threadId })),
  nextPageToken,
});

describe("paging loop guard", () => {
  it("follows fresh tokens", () => {
    const pages = [page(["a", "b"], "t1"), page(["c", "d"], "t2")];
    expect(nextPageParam(pages, ["", "t1"])).toBe("t2");
    expect(pagingEnd(pages, ["", "t1"])).toBeUndefined();
  });

  it("ends when the token is empty", () => {
    expect(pagingEnd([page(["a"], "")], [""])).toEqual({ kind: "exhausted" });
    expect(nextPageParam([page(["a"], "")], [""])).toBeUndefined();
  });

  it("ends when the last page returns its own request token (today's filtered queries)", () => {
    const pages = [page(["a", "b"], "t1"), page(["c"], "t1")];
    expect(pagingEnd(pages, ["", "t1"])).toEqual({ kind: "repeated-token" });
    expect(nextPageParam(pages, ["", "t1"])).toBeUndefined();
  });

  it("ends when a token comes back from earlier pages", () => {
    const pages = [page(["a"], "t1"), page(["b"], "t2"), page(["c"], "t1")];
    expect(pagingEnd(pages, ["", "t1", "t2"])).toEqual({ kind: "repeated-token" });
  });

  it("ends when a page holds only threads already listed", () => {
    const pages = [page(["a", "b"], "t1"), page(["b", "a"], "t2")];
    expect(pagingEnd(pages, ["", "t1"])).toEqual({ kind: "no-new-threads" });
    expect(pagingEndNotice({ kind: "no-new-threads" })).toMatch(/already listed/);
  });

  it("never lists a thread twice", () => {
    const merged = mergePages([page(["a", "b"], "t1"), page(["b", "c"], "t2")]);
    expect(merged.map((t) => t.threadId)).toEqual(["a", "b", "c"]);
  });
});
