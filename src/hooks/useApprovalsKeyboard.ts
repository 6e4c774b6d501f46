// Inbox keyboard: j / k move between asks (focus moves to the entry's link, so Enter opens it);
// Ctrl+Enter sends the open ask's form from anywhere on the page. Keys typed into a field are
// never taken.
import { useEffect, type RefObject } from "react";
import { isTypingTarget } from "../components/layout/goShortcut";

export const ENTRY_SELECTOR = "a[data-ask-entry]";

export function useApprovalsKeyboard(list: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        const form = document.querySelector<HTMLFormElement>("form[data-ask-form]");
        if (form === null) return;
        event.preventDefault();
        form.requestSubmit();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (event.key !== "j" && event.key !== "k") return;
      const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>(ENTRY_SELECTOR) ?? [])];
      if (links.length === 0) return;
      event.preventDefault();
      const focused = links.findIndex((link) => link === document.activeElement);
      const current = focused >= 0 ? focused : links.findIndex((link) => link.getAttribute("aria-current") === "page");
      const next = nextIndex(current, links.length, event.key === "j" ? 1 : -1);
      links[next]?.focus();
      links[next]?.scrollIntoView?.({ block: "nearest" });
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [list]);
}

/** The next entry: from nothing, j goes to the first and k to the last; it stops at the ends. */
export function nextIndex(current: number, count: number, step: 1 | -1): number {
  if (current < 0) return step === 1 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + step));
}
