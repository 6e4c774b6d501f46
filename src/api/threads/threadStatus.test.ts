import { describe, expect, it } from "vitest";
import { ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import {
  filterableStatuses,
  isTerminalStatus,
  parseThreadStatusName,
  threadStatusLabel,
  threadStatusName,
} from "./threadStatus";

describe("thread status helpers", () => {
  it("round-trips every filterable status through its URL name", () => {
    for (const status of filterableStatuses) {
      expect(parseThreadStatusName(threadStatusName(status))).toBe(status);
    }
  });

  it("rejects names that are not statuses", () => {
    expect(parseThreadStatusName("FAILED")).toBeUndefined();
    expect(parseThreadStatusName("unspecified")).toBeUndefined();
    expect(parseThreadStatusName("<script>")).toBeUndefined();
  });

  it("knows which statuses are final", () => {
    expect(filterableStatuses.filter(isTerminalStatus)).toEqual([
      ThreadStatus.COMPLETED,
      ThreadStatus.FAILED,
      ThreadStatus.CANCELLED,
    ]);
    expect(threadStatusLabel(ThreadStatus.PAUSED)).toBe("Paused");
  });
});

describe("a status number from a newer server", () => {
  it("is named and treated as not final, never thrown", () => {
    const future = 99 as ThreadStatus;
    expect(threadStatusLabel(future)).toBe("Unknown (99)");
    expect(isTerminalStatus(future)).toBe(false);
  });
});
