import { describe, expect, it } from "vitest";
import { Code } from "@connectrpc/connect";
import { DEFAULT_SETTINGS } from "../../hooks/settingsStore";
import { connectionHint, draftFromSettings, healthSummary, isDraftDirty } from "./connectionDraft";

describe("connection draft", () => {
  it("is dirty when any field differs from what is saved", () => {
    const saved = draftFromSettings(DEFAULT_SETTINGS);
    expect(isDraftDirty({ ...saved }, saved)).toBe(false);
    expect(isDraftDirty({ ...saved, rememberToken: true }, saved)).toBe(true);
    expect(isDraftDirty({ ...saved, endpoint: "https://a.example" }, saved)).toBe(true);
  });

  it("words a successful test", () => {
    expect(healthSummary({ status: "ok", version: "1.4.2", elapsedMs: 12 })).toBe(
      "Connected — server version 1.4.2 (12 ms)",
    );
    expect(healthSummary({ status: "ok", version: "", elapsedMs: 3 })).toBe("Connected — server version unknown (3 ms)");
  });

  it("says what to check for each kind of failure", () => {
    expect(connectionHint(Code.Unauthenticated)).toMatch(/token/);
    expect(connectionHint(Code.PermissionDenied)).toMatch(/organization id/);
    expect(connectionHint(Code.Unimplemented)).toMatch(/protocol/);
    expect(connectionHint(Code.Unknown, "HTTP 405")).toMatch(/^The endpoint answered HTTP 405\. .*protocol/);
    expect(connectionHint(Code.Unknown, "Failed to fetch")).toMatch(/could not get an answer/);
    expect(connectionHint(Code.InvalidArgument)).toBeNull();
  });
});
