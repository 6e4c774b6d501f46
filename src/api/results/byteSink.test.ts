import { describe, expect, it } from "vitest";
import { safeFileName } from "./byteSink";

describe("safeFileName", () => {
  it("keeps step paths and plain names as they are", () => {
    expect(safeFileName("1.2.0")).toBe("1.2.0");
    expect(safeFileName("thr_abc-1")).toBe("thr_abc-1");
  });
  it("never lets data climb out of a folder or hide a file", () => {
    expect(safeFileName("../../etc/passwd")).not.toContain("..");
    expect(safeFileName("../../etc/passwd")).not.toContain("/");
    expect(safeFileName(".hidden")).toBe("_hidden");
    expect(safeFileName("a\\b:c")).toBe("a_b_c");
    expect(safeFileName("")).toBe("file");
  });
});

describe("openFileSink without a file picker", () => {
  it("falls back to a Blob where no service worker can stream (jsdom has none), and says so", async () => {
    const { openFileSink, mayGatherInMemory } = await import("./byteSink");
    expect(mayGatherInMemory()).toBe(true);
    const sink = await openFileSink("x.json", "application/json", "json");
    expect(sink.kind).toBe("blob");
    await sink.abort();
  });
});
