// /settings: where the console connects (with a connection test) and how it looks.
import { ConnectionForm } from "./ConnectionForm";
import { KeyboardShortcuts } from "./KeyboardShortcuts";
import { ThemeSettings } from "./ThemeSettings";
import "./settings.css";

export default function SettingsPage() {
  return (
    <div className="page settings-page">
      <header className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="page-header__lead">Where the console connects, and how it looks. Stored in this browser only.</p>
        </div>
      </header>
      <div className="settings-layout">
        <ConnectionForm />
        <div className="stack">
          <ThemeSettings />
          <KeyboardShortcuts />
        </div>
      </div>
    </div>
  );
}
