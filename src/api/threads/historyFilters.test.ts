import { describe, expect, it } from "vitest";
import { ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { filtersToQuery, parseHistoryFilters } from "./historyFilters";

const parse = (query: string) => parseHistoryFilters(new URLSearchParams(query));

describe("parseHistoryFilters", () => {
  it("reads status and script from the query", () => {
    expect(parse("status=failed&script=invoice-parser")).toEqual({
      filters: { status: ThreadStatus.FAILED, script: "invoice-parser" },
      notices: [],
    });
    expect(parse("status=PAUSED").filters.status).toBe(ThreadStatus.PAUSED);
    expect(parse("").filters).toEqual({ status: undefined, script: undefined });
  });

  it("ignores an unknown status with a notice", () => {
    const r = parse("status=exploded");
    expect(r.filters.status).toBeUndefined();
    expect(r.notices[0]).toMatch(/Unknown status "exploded"/);
  });

  it("rejects a script name with control characters or too long", () => {
    expect(parse("script=a%0Ab").notices).toHaveLength(1);
    expect(parse(`script=${"x".repeat(201)}`).filters.script).toBeUndefined();
  });

  it("uses the first of several statuses and says so", () => {
    const r = parse("status=failed&status=running");
    expect(r.filters.status).toBe(ThreadStatus.FAILED);
    expect(r.notices).toHaveLength(1);
  });

  it("round-trips to the query of paths.threads()", () => {
    expect(filtersToQuery({ status: ThreadStatus.RUNNING, script: "ticker" })).toEqual({ status: "running", script: "ticker" });
  });
});
