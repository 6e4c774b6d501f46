// What replaces a crashed page or widget: the error, "Reload" and "Go to threads". Never blank.
import { useId } from "react";
import { describeError } from "../../api/errors";
import { paths } from "../../routes";

export interface ErrorFallbackProps {
  error: unknown;
  title?: string;
  /** Clears the error and renders the children again (for boundaries inside a page). */
  onRetry?: () => void;
  /**
   * "Go to threads" is a plain link (full navigation) so it works even when the router itself
   * is what failed.
   */
  showHomeLink?: boolean;
  /** 1 for a whole page, 2 (default) inside a page. */
  headingLevel?: 1 | 2;
}

export function ErrorFallback({
  error,
  title = "Something went wrong on this page",
  onRetry,
  showHomeLink = true,
  headingLevel = 2,
}: ErrorFallbackProps) {
  const titleId = useId();
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const description = describeError(error);
  const chunkFailed = isChunkLoadError(error);
  return (
    <section className="error-fallback" role="alert" aria-labelledby={titleId}>
      <Heading id={titleId} className="error-fallback__title">
        {chunkFailed ? "This page could not be loaded" : title}
      </Heading>
      <p className="error-fallback__hint">
        {chunkFailed
          ? "The console may have been updated since this tab was opened, or the network dropped. Reloading usually fixes it."
          : "The rest of the console still works. Reloading may help; if it happens again, the details below help to report it."}
      </p>
      <pre className="error-fallback__details">
        {description.code !== undefined ? `${description.codeName}: ` : ""}
        {description.message || String(error)}
      </pre>
      <div className="error-fallback__actions">
        {onRetry !== undefined ? (
          <button type="button" className="btn" onClick={onRetry}>
            Try again
          </button>
        ) : null}
        <button type="button" className="btn btn--primary" onClick={() => window.location.reload()}>
          Reload
        </button>
        {showHomeLink ? (
          <a className="btn" href={paths.threads()}>
            Go to threads
          </a>
        ) : null}
      </div>
    </section>
  );
}

export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed/i.test(
      error.message,
    )
  );
}
