// errorElement of every page route: the error, shown inside the layout (navigation still works).
import { isRouteErrorResponse, useRouteError } from "react-router";
import { ErrorFallback } from "../common/ErrorFallback";
import NotFoundPage from "../../pages/NotFoundPage";

export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return <ErrorFallback error={toError(error)} headingLevel={1} />;
}

/** Root errorElement: the layout itself failed, so this renders alone, full page. */
export function RootError() {
  const error = useRouteError();
  return (
    <div className="app app--bare">
      <main id="main" className="app-main" tabIndex={-1}>
        <ErrorFallback error={toError(error)} headingLevel={1} title="The console failed to start" />
      </main>
    </div>
  );
}

function toError(error: unknown): unknown {
  if (isRouteErrorResponse(error)) {
    return new Error(`${error.status} ${error.statusText}${typeof error.data === "string" ? `: ${error.data}` : ""}`);
  }
  return error;
}
