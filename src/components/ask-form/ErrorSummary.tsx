// The list of what stops the answer from being sent, each linked to its field. It takes focus on
// every refused submit, so keyboard and screen-reader users hear what to fix.
import { useEffect, useRef } from "react";
import type { FieldErrors } from "./fieldErrors";
import { fieldDomId } from "./formPaths";

export function ErrorSummary(props: { formId: string; errors: FieldErrors; shown: number; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(props.errors).filter(([, messages]) => messages.length > 0);
  const count = entries.length;
  useEffect(() => {
    if (props.shown > 0 && count > 0) ref.current?.focus();
  }, [props.shown, count]);
  if (count === 0) return null;
  return (
    <div className="ask-error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p className="ask-error-summary__title">{props.title}</p>
      <ul>
        {entries.map(([key, messages]) =>
          messages.map((message) =>
            key === "" ? (
              <li key={`${key}:${message}`}>{message}</li>
            ) : (
              <li key={`${key}:${message}`}>
                <a
                  href={`#${fieldDomId(props.formId, key)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(fieldDomId(props.formId, key))?.focus();
                  }}
                >
                  {message.startsWith(key) ? message : `${key}: ${message}`}
                </a>
              </li>
            ),
          ),
        )}
      </ul>
    </div>
  );
}
