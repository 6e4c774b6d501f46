// The frame around every page: skip link, header with navigation, the credentials prompt, the
// "service unreachable" notice, and <main>. Pages render into the Outlet.
import { useEffect, useLayoutEffect, useRef } from "react";
import { Link, Outlet, useMatches, useNavigation } from "react-router";
import { paths } from "../../routes";
import { AuthProblemBanner } from "./AuthProblemBanner";
import { ConnectionChip } from "./ConnectionChip";
import { MainNav } from "./MainNav";
import { ServiceUnreachableBanner } from "./ServiceUnreachableBanner";
import { documentTitle } from "./routeHandle";
import { ThemeToggle } from "./ThemeToggle";
import { useGoShortcuts } from "./useGoShortcuts";

export function AppLayout() {
  const matches = useMatches();
  const leaf = matches[matches.length - 1];
  const routeId = leaf?.id ?? "";
  const title = documentTitle(leaf?.handle);
  const main = useRef<HTMLElement>(null);
  const previousRouteId = useRef(routeId);
  // Another page's code is loading (the current page stays until it is ready).
  const pageLoading = useNavigation().state === "loading";

  useGoShortcuts();

  useLayoutEffect(() => {
    document.title = title;
  }, [title]);

  // Moving to another page (not to another step or filter of the same page) starts at the top and
  // puts keyboard and screen-reader focus at the start of the new content.
  useEffect(() => {
    if (previousRouteId.current === routeId) return;
    previousRouteId.current = routeId;
    if (window.scrollY > 0) window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [routeId]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link className="brand" to={paths.threads()}>
          <BrandMark />
          <span className="brand__name">Scriptum</span>
          <span className="brand__product">Console</span>
        </Link>
        <MainNav />
        <div className="app-header__tools">
          <ConnectionChip />
          <ThemeToggle />
        </div>
      </header>
      {pageLoading ? (
        <div className="page-progress" role="progressbar" aria-label="Loading page" data-testid="page-progress" />
      ) : null}
      <AuthProblemBanner />
      <ServiceUnreachableBanner />
      <main id="main" className="app-main" tabIndex={-1} ref={main} data-route={routeId} aria-busy={pageLoading || undefined}>
        <Outlet />
      </main>
    </div>
  );
}

function BrandMark() {
  return (
    <svg className="brand__mark" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="18" height="18" rx="4.5" fill="currentColor" />
      <path d="M6 6.5h8M6 10h5.5M6 13.5h7" stroke="var(--color-bg)" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
