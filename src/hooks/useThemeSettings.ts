// Applies the theme preference to <html data-theme>. "system" removes the attribute so the CSS
// follows prefers-color-scheme (public/theme-init.js does the same before the app loads, so the
// page never flashes the wrong theme).
import { useEffect } from "react";
import { useSettings, type ThemePreference } from "./settingsStore";

export function applyTheme(theme: ThemePreference, root: HTMLElement = document.documentElement): void {
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export function useThemeSettings(): ThemePreference {
  const theme = useSettings((state) => state.theme);
  useEffect(() => applyTheme(theme), [theme]);
  return theme;
}
