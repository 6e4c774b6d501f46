import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { StepDetailSchema } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { invoiceAsk } from "../../api/asks/testing/askFixtures";
import { thread } from "../../api/asks/testing/fakeScriptum";
import { approvalsTitle, attemptsLeft, formatCountdown, sortEntries, toInboxEntry } from "./inboxEntry";

function entry(id: string, expiresAtMs: bigint, startedAtMs: bigint) {
  const step = create(StepDetailSchema, { stepPath: "3", startedAtMs, ask: invoiceAsk({ expiresAtMs }) });
  return toInboxEntry(thread({ threadId: id, createdAtMs: 1n }), { threadId: id, stepPath: "3", step, ask: step.ask ?? null }, false);
}

describe("inbox entries", () => {
  it("sorts by soonest expiry, then never-expiring oldest first", () => {
    const sorted = sortEntries([entry("never-new", 0n, 500n), entry("late", 9000n, 100n), entry("soon", 2000n, 300n), entry("never-old", 0n, 50n)]);
    expect(sorted.map((e) => e.threadId)).toEqual(["soon", "late", "never-old", "never-new"]);
  });

  it("describes the ask on one line and counts attempts left", () => {
    const e = entry("t", 0n, 10n);
    expect(e.prompt).toBe("Approve invoice INV-1?");
    expect(e.fieldSummary).toContain("currency: USD|EUR|GBP*");
    expect(e.attemptsLeft).toBe(3);
    expect(e.waitingSinceMs).toBe(10);
    expect(attemptsLeft(3, 3)).toBe(1);
    expect(attemptsLeft(4, 3)).toBe(0);
  });

  it("keeps an entry whose ask is unknown", () => {
    const e = toInboxEntry(thread({ threadId: "x", createdAtMs: 7n }), undefined, true);
    expect(e).toMatchObject({ askState: "error", prompt: "", expiresAtMs: 0, attemptsLeft: null, waitingSinceMs: 7 });
  });

  it("formats the countdown and the title", () => {
    expect(formatCountdown(0)).toBe("expired");
    expect(formatCountdown(1)).toBe("1s");
    expect(formatCountdown(65_000)).toBe("1m 05s");
    expect(formatCountdown(3_720_000)).toBe("1h 02m");
    expect(formatCountdown(90_000_000)).toBe("1d 01h");
    expect(approvalsTitle(3)).toBe("(3) Approvals · Scriptum Console");
    expect(approvalsTitle(0)).toBe("Approvals · Scriptum Console");
  });
});
