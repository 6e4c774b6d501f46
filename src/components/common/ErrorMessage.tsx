// A failed call, shown exactly: the gRPC code name, the server's message, and any field
// violations (google.rpc.BadRequest) and ErrorInfo reason. Text only: server strings are
// rendered as text nodes, never as HTML.
import type { ReactNode } from "react";
import { describeError } from "../../api/errors";

export interface ErrorMessageProps {
  error: unknown;
  /** What was being done: "Could not load threads". */
  title?: string;
  /** Buttons or links shown under the message (retry, go to settings…). */
  children?: ReactNode;
}

export function ErrorMessage({ error, title, children }: ErrorMessageProps) {
  const description = describeError(error);
  return (
    <div className="error-message" role="alert">
      {title !== undefined ? <p className="error-message__title">{title}</p> : null}
      <p className="error-message__body">
        <code className="error-message__code">{description.codeName}</code>{" "}
        <span className="error-message__text">{description.message || "(no message)"}</span>
      </p>
      {description.fieldViolations.length > 0 ? (
        <ul className="error-message__violations" aria-label="Fields the server rejected">
          {description.fieldViolations.map((violation, index) => (
            <li key={`${violation.field}-${index}`}>
              <code>{violation.field || "(request)"}</code>: {violation.description}
            </li>
          ))}
        </ul>
      ) : null}
      {description.reason !== undefined ? (
        <p className="error-message__reason">
          Reason: <code>{description.reason}</code>
          {description.domain ? <span className="muted"> ({description.domain})</span> : null}
        </p>
      ) : null}
      {children !== undefined ? <div className="error-message__actions">{children}</div> : null}
    </div>
  );
}
