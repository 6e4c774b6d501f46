import { NavLink } from "react-router";
import { NAV_ITEMS } from "./navItems";

export function MainNav() {
  return (
    <nav className="main-nav" aria-label="Main">
      <ul>
        {NAV_ITEMS.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              className={({ isActive }) => (isActive ? "main-nav__link is-active" : "main-nav__link")}
              aria-keyshortcuts={`g ${item.shortcutKey}`}
              title={`${item.label} (g then ${item.shortcutKey})`}
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
