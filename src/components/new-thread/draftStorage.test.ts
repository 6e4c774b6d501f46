import { afterEach, describe, expect, it } from "vitest";
import {
  NEW_THREAD_DRAFT_KEY,
  clearNewThreadDraft,
  loadNewThreadDraft,
  parseStoredDraft,
  saveNewThreadDraft,
} from "./draftStorage";
import { emptyDraft } from "./newThreadDraft";

afterEach(() => sessionStorage.clear());

describe("new thread draft storage", () => {
  it("keeps a draft in sessionStorage, a typed form coming back pending with its exact state", () => {
    const draft = {
      ...emptyDraft(),
      scriptName: "invoice-parser",
      version: 2,
      input: { mode: "fields" as const, state: { invoice_id: { t: "text" as const, text: "INV-1" } }, extras: { x: 1 } },
      loadEnv: true,
      metadata: [{ id: "m1", key: "ticket", value: "INC-1" }],
      rerunOf: "thr_1",
    };
    saveNewThreadDraft(draft);
    expect(localStorage.length).toBe(0);
    expect(loadNewThreadDraft()).toEqual({
      ...draft,
      input: { mode: "pending", text: "{}", prefer: "fields", state: draft.input.state, extras: { x: 1 } },
    });
    clearNewThreadDraft();
    expect(loadNewThreadDraft()).toBeNull();
  });

  it("treats stored data as untrusted", () => {
    sessionStorage.setItem(NEW_THREAD_DRAFT_KEY, "{not json");
    expect(loadNewThreadDraft()).toBeNull();
    expect(parseStoredDraft([1])).toBeNull();
    expect(
      parseStoredDraft({ scriptName: 5, version: -1, input: { mode: "html", text: "<b>" }, metadata: [{ key: 1 }, { key: "k", value: "v" }] }),
    ).toEqual({ ...emptyDraft(), metadata: [{ id: expect.any(String), key: "k", value: "v" }] });
  });
});
