import { describe, expect, it } from "vitest";
import { formatClock, formatDuration, formatRelative, formatTimestamp } from "./formatTime";

describe("formatDuration", () => {
  it.each([
    [0, "0 ms"],
    [450, "450 ms"],
    [1_234, "1.2 s"],
    [9_999, "9.9 s"],
    [42_000, "42 s"],
    [185_000, "3 m 05 s"],
    [7_380_000, "2 h 03 m"],
    [273_600_000, "3 d 04 h"],
    [-5, "0 ms"],
  ])("%s ms → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("takes bigint (int64) values", () => {
    expect(formatDuration(1_500n)).toBe("1.5 s");
  });
});

describe("formatRelative", () => {
  const now = Date.UTC(2026, 4, 14, 12, 0, 0);
  it.each([
    [now - 2_000, "just now"],
    [now - 12_000, "12 s ago"],
    [now - 5 * 60_000, "5 min ago"],
    [now - 3 * 3_600_000, "3 h ago"],
    [now - 2 * 86_400_000, "2 d ago"],
    [now + 5 * 60_000, "in 5 min"],
  ])("%s → %s", (ms, text) => {
    expect(formatRelative(ms, now)).toBe(text);
  });
});

describe("formatTimestamp", () => {
  it("formats in the given time zone, 24 h", () => {
    const ms = Date.UTC(2026, 4, 14, 9, 3, 44);
    expect(formatTimestamp(ms, "UTC")).toBe("2026-05-14 09:03:44");
    expect(formatTimestamp(BigInt(ms), "Europe/Paris")).toBe("2026-05-14 11:03:44");
    expect(formatClock(ms, "UTC")).toBe("09:03:44");
  });
});

describe("formatTimestamp formatter cache", () => {
  it("keeps each time zone's output apart across calls", () => {
    const ms = Date.UTC(2026, 0, 2, 23, 30, 5);
    for (let i = 0; i < 3; i++) {
      expect(formatTimestamp(ms, "UTC")).toBe("2026-01-02 23:30:05");
      expect(formatTimestamp(ms, "Asia/Tokyo")).toBe("2026-01-03 08:30:05");
      expect(formatClock(ms, "America/New_York")).toBe("18:30:05");
    }
  });
});
