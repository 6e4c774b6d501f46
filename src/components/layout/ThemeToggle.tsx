// Cycles the theme preference: system → light → dark. The full choice is also on /settings.
import { settingsStore, useSettings, type ThemePreference } from "../../hooks/settingsStore";

const NEXT: Record<ThemePreference, ThemePreference> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<ThemePreference, string> = { system: "System", light: "Light", dark: "Dark" };

export function ThemeToggle() {
  const theme = useSettings((state) => state.theme);
  const next = NEXT[theme];
  return (
    <button
      type="button"
      className="btn btn--ghost btn--small theme-toggle"
      onClick={() => settingsStore.getState().setTheme(next)}
      aria-label={`Theme: ${LABEL[theme]}. Switch to ${LABEL[next]}`}
      title={`Theme: ${LABEL[theme]} (click for ${LABEL[next]})`}
    >
      <ThemeIcon theme={theme} />
      <span className="theme-toggle__label">{LABEL[theme]}</span>
    </button>
  );
}

function ThemeIcon({ theme }: { theme: ThemePreference }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round">
      {theme === "light" ? (
        <>
          <circle cx="8" cy="8" r="3" />
          <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" />
        </>
      ) : theme === "dark" ? (
        <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7z" />
      ) : (
        <>
          <rect x="1.75" y="2.75" width="12.5" height="8.5" rx="1.25" />
          <path d="M5.5 14h5M8 11.25V14" />
        </>
      )}
    </svg>
  );
}
