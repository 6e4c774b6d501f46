// Placeholder: replaced by the page's owner.
export default function SettingsPage() {
  return <h1>SettingsPage</h1>;
}
