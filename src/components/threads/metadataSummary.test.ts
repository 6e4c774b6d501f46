import { describe, expect, it } from "vitest";
import { summarizeMetadata } from "./metadataSummary";

describe("summarizeMetadata", () => {
  it("is empty without metadata", () => {
    expect(summarizeMetadata({}, 3)).toEqual({ text: "", title: "" });
  });

  it("shows the first labels by key, then how many more, and all of them in the title", () => {
    const s = summarizeMetadata({ team: "billing", env: "prod", a: "1", z: "last" }, 3);
    expect(s.text).toBe("a=1 · env=prod · team=billing · +1");
    expect(s.title).toBe("a=1\nenv=prod\nteam=billing\nz=last");
  });

  it("shows every label when there are no more than max", () => {
    expect(summarizeMetadata({ b: "2", a: "1" }, 3).text).toBe("a=1 · b=2");
  });

  it("cuts a huge value in the row and in the title", () => {
    const s = summarizeMetadata({ blob: "x".repeat(1_000_000) }, 3);
    expect(s.text.length).toBe(64);
    expect(s.text.endsWith("…")).toBe(true);
    expect(s.title.length).toBe(2_000);
  });

  it("keeps markup as plain text", () => {
    expect(summarizeMetadata({ "<b>k</b>": "<img src=x onerror=alert(1)>" }, 3).text).toBe("<b>k</b>=<img src=x onerror=alert(1)>");
  });
});
