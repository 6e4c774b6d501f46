import { describe, expect, it } from "vitest";
import { paths } from "./routes";

describe("paths", () => {
  it("encodes ids and step paths so script data cannot change the route", () => {
    expect(paths.thread("thr_1/../x?y")).toBe("/threads/thr_1%2F..%2Fx%3Fy");
    expect(paths.threadStep("thr_1", "1.2.0", "output")).toBe("/threads/thr_1/steps/1.2.0?tab=output");
  });

  it("keeps filters in the query and drops empty ones", () => {
    expect(paths.threads({ status: "failed", script: "invoice-parser" })).toBe(
      "/threads?status=failed&script=invoice-parser",
    );
    expect(paths.threads({ status: "" })).toBe("/threads");
  });
});
