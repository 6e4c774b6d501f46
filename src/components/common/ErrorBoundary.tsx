// A React error boundary for parts of a page (a chart, a panel): the rest keeps working.
// Route-level errors are caught by the router's errorElement (components/layout/RouteError).
import { Component, type ErrorInfo, type ReactNode } from "react";
import { ErrorFallback } from "./ErrorFallback";

export interface ErrorBoundaryProps {
  children: ReactNode;
  /** Replaces the default fallback. */
  fallback?: (error: unknown, reset: () => void) => ReactNode;
  /** What failed, e.g. "The charts could not be drawn". */
  title?: string;
  /** When any of these change, a caught error is cleared (e.g. the thread id). */
  resetKeys?: readonly unknown[];
  onError?: (error: unknown, info: ErrorInfo) => void;
}

interface ErrorBoundaryState {
  error: { value: unknown } | null;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: { value: error } };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.props.onError?.(error, info);
  }

  override componentDidUpdate(previous: ErrorBoundaryProps): void {
    if (this.state.error !== null && !sameKeys(previous.resetKeys, this.props.resetKeys)) {
      this.reset();
    }
  }

  reset = (): void => {
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (this.props.fallback !== undefined) return this.props.fallback(error.value, this.reset);
    return (
      <ErrorFallback
        error={error.value}
        onRetry={this.reset}
        {...(this.props.title !== undefined ? { title: this.props.title } : {})}
      />
    );
  }
}

function sameKeys(a: readonly unknown[] = [], b: readonly unknown[] = []): boolean {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}
