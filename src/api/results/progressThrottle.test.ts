import { describe, expect, it } from "vitest";
import { throttleProgress } from "./progressThrottle";

describe("throttleProgress", () => {
  it("passes the first report, then at most one per interval, and always the one that reaches the total", () => {
    let now = 0;
    const seen: number[] = [];
    const report = throttleProgress((done) => seen.push(done), 250, () => now);
    for (let done = 1; done <= 100; done++) {
      now = done * 10;
      report(done, 100);
    }
    expect(seen).toEqual([1, 26, 51, 76, 100]);
  });

  it("passes notes with the reports it lets through, and an unknown total never counts as reached", () => {
    let now = 0;
    const seen: string[] = [];
    const report = throttleProgress((done, _total, note) => seen.push(`${done}:${note ?? ""}`), 100, () => now);
    report(5, 0, "a");
    now = 50;
    report(6, 0, "b");
    now = 150;
    report(7, 0, "c");
    expect(seen).toEqual(["5:a", "7:c"]);
  });
});
