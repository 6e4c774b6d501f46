import { useId } from "react";
import { NAV_ITEMS } from "../../components/layout/navItems";

export function KeyboardShortcuts() {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card__header">
        <h2 id={`${id}-title`}>Keyboard shortcuts</h2>
      </div>
      <div className="card__body">
        <dl className="shortcut-list">
          {NAV_ITEMS.map((item) => (
            <div key={item.to}>
              <dt>
                <kbd>g</kbd> then <kbd>{item.shortcutKey}</kbd>
              </dt>
              <dd>{item.label}</dd>
            </div>
          ))}
        </dl>
      </div>
    </section>
  );
}
