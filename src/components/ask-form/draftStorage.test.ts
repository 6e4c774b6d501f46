import { afterEach, describe, expect, it } from "vitest";
import { clearDrafts, loadDraft, saveDraft } from "./draftStorage";

afterEach(() => sessionStorage.clear());

describe("draftStorage", () => {
  it("keeps a draft per thread, step and attempt", () => {
    saveDraft({ threadId: "t1", stepPath: "3", attempt: 1 }, { a: 1 });
    saveDraft({ threadId: "t2", stepPath: "3", attempt: 1 }, { a: 2 });
    expect(loadDraft({ threadId: "t1", stepPath: "3", attempt: 1 })).toEqual({ a: 1 });
    expect(loadDraft({ threadId: "t1", stepPath: "4", attempt: 1 })).toBeUndefined();
  });

  it("carries the draft of a rejected attempt to the next one", () => {
    saveDraft({ threadId: "t1", stepPath: "3", attempt: 1 }, { a: 1 });
    expect(loadDraft({ threadId: "t1", stepPath: "3", attempt: 2 })).toEqual({ a: 1 });
    saveDraft({ threadId: "t1", stepPath: "3", attempt: 2 }, { a: 2 });
    expect(loadDraft({ threadId: "t1", stepPath: "3", attempt: 2 })).toEqual({ a: 2 });
  });

  it("clears every attempt of one step only", () => {
    saveDraft({ threadId: "t1", stepPath: "3", attempt: 1 }, 1);
    saveDraft({ threadId: "t1", stepPath: "3", attempt: 2 }, 2);
    saveDraft({ threadId: "t1", stepPath: "30", attempt: 1 }, 3);
    clearDrafts("t1", "3");
    expect(loadDraft({ threadId: "t1", stepPath: "3", attempt: 2 })).toBeUndefined();
    expect(loadDraft({ threadId: "t1", stepPath: "30", attempt: 1 })).toBe(3);
  });
});
