import { describe, expect, it } from "vitest";
import { listAllPages, type ThreadPage } from "./pausedThreads";
import { thread } from "./testing/fakeScriptum";

function pager(pages: Record<string, ThreadPage>) {
  const asked: string[] = [];
  const fetchPage = (token: string) => {
    asked.push(token);
    const page = pages[token];
    if (page === undefined) throw new Error(`unexpected token ${token}`);
    return Promise.resolve(page);
  };
  return { asked, fetchPage };
}

describe("listAllPages", () => {
  it("follows tokens to the end", async () => {
    const { asked, fetchPage } = pager({
      "": { threads: [thread({ threadId: "a" })], nextPageToken: "p2" },
      p2: { threads: [thread({ threadId: "b" })], nextPageToken: "" },
    });
    expect((await listAllPages(fetchPage)).map((t) => t.threadId)).toEqual(["a", "b"]);
    expect(asked).toEqual(["", "p2"]);
  });

  it("stops when the last page repeats the request's own token", async () => {
    const { asked, fetchPage } = pager({
      "": { threads: [thread({ threadId: "a" })], nextPageToken: "p2" },
      p2: { threads: [thread({ threadId: "b" })], nextPageToken: "p2" },
    });
    expect((await listAllPages(fetchPage)).map((t) => t.threadId)).toEqual(["a", "b"]);
    expect(asked).toEqual(["", "p2"]);
  });

  it("stops on a page of threads already seen, and keeps each thread once", async () => {
    const { asked, fetchPage } = pager({
      "": { threads: [thread({ threadId: "a" }), thread({ threadId: "b" })], nextPageToken: "p2" },
      p2: { threads: [thread({ threadId: "b" })], nextPageToken: "p3" },
    });
    expect((await listAllPages(fetchPage)).map((t) => t.threadId)).toEqual(["a", "b"]);
    expect(asked).toEqual(["", "p2"]);
  });

  it("gives up after maxPages of fresh tokens", async () => {
    let n = 0;
    const threads = await listAllPages(() => {
      n += 1;
      return Promise.resolve({ threads: [thread({ threadId: `t${n}` })], nextPageToken: `p${n}` });
    }, 3);
    expect(threads).toHaveLength(3);
  });
});
