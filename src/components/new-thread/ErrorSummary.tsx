// What stopped the thread from being created, each item a link to its field. Takes focus on every
// refused create, so keyboard and screen-reader users hear what to fix.
import { useEffect, useRef } from "react";
import { TOP_FIELD_IDS, inputFieldId } from "./domIds";
import type { NewThreadErrors, TopField } from "./newThreadErrors";

const TOP_LABELS: Record<TopField, string> = {
  script: "Script",
  version: "Version",
  metadata: "Metadata",
  timeout: "Timeout",
  callbackUrl: "Callback URL",
};

export interface ErrorSummaryProps {
  errors: NewThreadErrors;
  jsonMode: boolean;
  /** Increases on every refused create. */
  shown: number;
  title: string;
}

export function NewThreadErrorSummary({ errors, jsonMode, shown, title }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const items: { key: string; target: string; text: string }[] = [];
  for (const field of Object.keys(TOP_LABELS) as TopField[]) {
    for (const message of errors.top[field] ?? []) {
      items.push({ key: `${field}:${message}`, target: TOP_FIELD_IDS[field], text: `${TOP_LABELS[field]}: ${message}` });
    }
  }
  for (const [key, messages] of Object.entries(errors.input)) {
    for (const message of messages) {
      const where = key === "" ? "Input" : `Input ${key}`;
      items.push({
        key: `input:${key}:${message}`,
        target: inputFieldId(key, jsonMode),
        text: message.startsWith(key) && key !== "" ? `Input: ${message}` : `${where}: ${message}`,
      });
    }
  }
  const count = items.length;
  useEffect(() => {
    if (shown > 0 && count > 0) ref.current?.focus();
  }, [shown, count]);
  if (count === 0) return null;
  return (
    <div className="ask-error-summary" role="alert" tabIndex={-1} ref={ref} data-testid="new-thread-errors">
      <p className="ask-error-summary__title">{title}</p>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <a
              href={`#${item.target}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(item.target)?.focus();
              }}
            >
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
