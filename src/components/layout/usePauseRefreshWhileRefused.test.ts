import { afterEach, describe, expect, it } from "vitest";
import { renderHook } from "@testing-library/react";
import { focusManager } from "@tanstack/react-query";
import { usePauseRefreshWhileRefused } from "./usePauseRefreshWhileRefused";

afterEach(() => focusManager.setFocused(undefined));

describe("usePauseRefreshWhileRefused", () => {
  it("stops interval refreshes while the credentials are refused, and gives them back after", () => {
    const { rerender, unmount } = renderHook(({ refused }) => usePauseRefreshWhileRefused(refused), {
      initialProps: { refused: false },
    });
    expect(focusManager.isFocused()).toBe(true);
    rerender({ refused: true });
    expect(focusManager.isFocused()).toBe(false);
    rerender({ refused: false });
    expect(focusManager.isFocused()).toBe(true);
    rerender({ refused: true });
    unmount();
    expect(focusManager.isFocused()).toBe(true);
  });
});
