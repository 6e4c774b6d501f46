// "g then t" style navigation shortcuts, as a pure state machine: the hook feeds it key presses.
import { NAV_ITEMS } from "./navItems";

export const SHORTCUT_WINDOW_MS = 1_500;

export interface ShortcutState {
  /** When "g" was pressed, or null. */
  pendingSince: number | null;
}

export interface KeyPress {
  key: string;
  at: number;
  /** Any of ctrl/meta/alt held: never a shortcut (browser and OS shortcuts win). */
  modified: boolean;
  /** Focus is in a text field, select or editable element: typing, not a shortcut. */
  typing: boolean;
}

export function nextShortcut(
  state: ShortcutState,
  press: KeyPress,
): { state: ShortcutState; navigateTo: string | null } {
  const idle = { state: { pendingSince: null }, navigateTo: null };
  if (press.modified || press.typing) return idle;
  const key = press.key.toLowerCase();
  if (state.pendingSince !== null && press.at - state.pendingSince <= SHORTCUT_WINDOW_MS) {
    const item = NAV_ITEMS.find((candidate) => candidate.shortcutKey === key);
    if (item !== undefined) return { state: { pendingSince: null }, navigateTo: item.to };
  }
  if (key === "g") return { state: { pendingSince: press.at }, navigateTo: null };
  return idle;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) {
    return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  }
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
