import { useId } from "react";
import { settingsStore, THEME_PREFERENCES, useSettings, type ThemePreference } from "../../hooks/settingsStore";

const LABELS: Record<ThemePreference, string> = { system: "System", light: "Light", dark: "Dark" };

export function ThemeSettings() {
  const theme = useSettings((state) => state.theme);
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card__header">
        <h2 id={`${id}-title`}>Appearance</h2>
      </div>
      <div className="card__body">
        <fieldset className="field">
          <legend className="field__label">Theme</legend>
          <div className="segmented">
            {THEME_PREFERENCES.map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name={`${id}-theme`}
                  value={value}
                  checked={theme === value}
                  onChange={() => settingsStore.getState().setTheme(value)}
                />
                {LABELS[value]}
              </label>
            ))}
          </div>
          <p className="field__hint">System follows your operating system's light or dark setting. Applied at once.</p>
        </fieldset>
      </div>
    </section>
  );
}
