import { describe, expect, it } from "vitest";
import { nextShortcut, SHORTCUT_WINDOW_MS, type KeyPress } from "./goShortcut";

const press = (key: string, at: number, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  at,
  modified: false,
  typing: false,
  ...extra,
});

function run(presses: KeyPress[]): (string | null)[] {
  let state = { pendingSince: null as number | null };
  return presses.map((p) => {
    const result = nextShortcut(state, p);
    state = result.state;
    return result.navigateTo;
  });
}

describe("nextShortcut", () => {
  it("navigates on g then a section key", () => {
    expect(run([press("g", 0), press("t", 100)])).toEqual([null, "/threads"]);
    expect(run([press("g", 0), press("A", 100)])).toEqual([null, "/approvals"]);
    expect(run([press("g", 0), press("n", 100)])).toEqual([null, "/new"]);
    expect(run([press("g", 0), press("s", 100)])).toEqual([null, "/settings"]);
  });

  it("ignores typing, modified keys, late second keys and unknown keys", () => {
    expect(run([press("g", 0, { typing: true }), press("t", 100)])).toEqual([null, null]);
    expect(run([press("g", 0), press("t", 100, { modified: true })])).toEqual([null, null]);
    expect(run([press("g", 0), press("t", SHORTCUT_WINDOW_MS + 1)])).toEqual([null, null]);
    expect(run([press("g", 0), press("x", 10), press("t", 20)])).toEqual([null, null, null]);
    expect(run([press("t", 0)])).toEqual([null]);
  });
});
