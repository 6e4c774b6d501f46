// Unknown paths. The path is shown as text (never as HTML), with the ways out.
import { Link, useLocation } from "react-router";
import { NAV_ITEMS } from "../components/layout/navItems";

export default function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <section className="page not-found" aria-labelledby="not-found-title">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title">Page not found</h1>
      <p>
        Nothing in the console lives at <code className="break-all">{pathname}</code>. The link may be
        mistyped or from an older version of the console.
      </p>
      <ul className="not-found__links">
        {NAV_ITEMS.map((item) => (
          <li key={item.to}>
            <Link className="btn" to={item.to}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
