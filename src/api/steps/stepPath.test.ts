import { describe, expect, it } from "vitest";
import { ancestorPaths, comparePaths, isPlausibleStepPath, parentPath } from "./stepPath";

describe("comparePaths", () => {
  it("orders segments numerically: 1.10 after 1.9, 2 after 1.99", () => {
    const paths = ["1.10", "2", "1.9", "1", "1.2.0", "10", "1.2"];
    expect([...paths].sort(comparePaths)).toEqual(["1", "1.2", "1.2.0", "1.9", "1.10", "2", "10"]);
  });
  it("puts a parent before its children and numbers before names", () => {
    expect(comparePaths("1", "1.0")).toBeLessThan(0);
    expect(comparePaths("1.a", "1.2")).toBeGreaterThan(0);
    expect(comparePaths("1.b", "1.a")).toBeGreaterThan(0);
    expect(comparePaths("3.4", "3.4")).toBe(0);
  });
});

describe("path helpers", () => {
  it("finds parents and ancestors", () => {
    expect(parentPath("1.2.0")).toBe("1.2");
    expect(parentPath("7")).toBe("");
    expect(ancestorPaths("1.2.0")).toEqual(["1", "1.2"]);
  });
  it("rejects paths that are not step paths", () => {
    expect(isPlausibleStepPath("1.5.3")).toBe(true);
    expect(isPlausibleStepPath("1..3")).toBe(false);
    expect(isPlausibleStepPath("<script>")).toBe(false);
  });
});
