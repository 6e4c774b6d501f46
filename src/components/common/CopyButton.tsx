// Copies a value to the clipboard and says so (visibly and to screen readers).
import { useEffect, useRef, useState } from "react";

export interface CopyButtonProps {
  value: string;
  /** Accessible name and visible text, e.g. "Copy thread id". */
  label?: string;
  /** Icon-only button; the label is still the accessible name. */
  iconOnly?: boolean;
  className?: string;
}

type CopyState = "idle" | "copied" | "failed";

export function CopyButton({ value, label = "Copy", iconOnly = false, className }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
    timer.current = setTimeout(() => setState("idle"), 2_000);
  }

  const feedback = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "";
  return (
    <button
      type="button"
      className={["btn", "btn--ghost", "btn--small", className].filter(Boolean).join(" ")}
      onClick={() => void copy()}
      aria-label={iconOnly ? label : undefined}
      title={label}
      data-state={state}
    >
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.5">
        {state === "copied" ? (
          <path d="M3.5 8.5l3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
        ) : (
          <>
            <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
            <path d="M10.5 3.5v-.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h.5" />
          </>
        )}
      </svg>
      {iconOnly ? null : <span>{feedback || label}</span>}
      <span className="visually-hidden" role="status">
        {feedback}
      </span>
    </button>
  );
}
