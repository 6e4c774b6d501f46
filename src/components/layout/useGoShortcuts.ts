import { useEffect, useRef } from "react";
import { useNavigate } from "react-router";
import { isTypingTarget, nextShortcut, type ShortcutState } from "./goShortcut";

export function useGoShortcuts(): void {
  const navigate = useNavigate();
  const state = useRef<ShortcutState>({ pendingSince: null });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.repeat) return;
      const result = nextShortcut(state.current, {
        key: event.key,
        at: event.timeStamp,
        modified: event.ctrlKey || event.metaKey || event.altKey,
        typing: isTypingTarget(event.target),
      });
      state.current = result.state;
      if (result.navigateTo !== null) {
        event.preventDefault();
        void navigate(result.navigateTo);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [navigate]);
}
