// Applies the saved theme (system / light / dark) to <html> before the app loads, so the page
// never flashes the wrong theme. Mirrors src/hooks/useThemeSettings.ts; the key and shape are
// those of src/hooks/settingsStore.ts (SETTINGS_KEY). A file, not inline: the CSP forbids
// inline scripts.
(function () {
  try {
    var saved = JSON.parse(globalThis.localStorage.getItem("scriptum-console.settings") || "{}");
    if (saved && (saved.theme === "light" || saved.theme === "dark")) {
      globalThis.document.documentElement.setAttribute("data-theme", saved.theme);
    }
  } catch {
    // No storage or unreadable settings: follow the system.
  }
})();
