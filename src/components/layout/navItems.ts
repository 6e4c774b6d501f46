// The main navigation: label, target, and the "g <key>" keyboard shortcut of each section.
import { paths } from "../../routes";

export interface NavItem {
  label: string;
  to: string;
  /** Second key of the "g then <key>" shortcut. */
  shortcutKey: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { label: "Threads", to: paths.threads(), shortcutKey: "t" },
  { label: "Approvals", to: paths.approvals(), shortcutKey: "a" },
  { label: "New thread", to: paths.newThread(), shortcutKey: "n" },
  { label: "Settings", to: paths.settings(), shortcutKey: "s" },
];
