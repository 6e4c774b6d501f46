// Small inline SVG icons for statuses (decorative: the label next to them carries the meaning).
import type { StatusIconName } from "./statusView";

export function StatusIcon({ name }: { name: StatusIconName }) {
  return (
    <svg
      className={`status-icon status-icon--${name}`}
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {iconPaths(name)}
    </svg>
  );
}

function iconPaths(name: StatusIconName) {
  switch (name) {
    case "clock":
      return (
        <>
          <circle cx="8" cy="8" r="6.25" />
          <path d="M8 4.5V8l2.5 1.5" />
        </>
      );
    case "spinner":
      return (
        <>
          <circle cx="8" cy="8" r="6.25" opacity="0.3" />
          <path d="M8 1.75a6.25 6.25 0 0 1 6.25 6.25" />
        </>
      );
    case "pause":
      return (
        <>
          <circle cx="8" cy="8" r="6.25" />
          <path d="M6.5 5.5v5M9.5 5.5v5" />
        </>
      );
    case "check":
      return (
        <>
          <circle cx="8" cy="8" r="6.25" />
          <path d="M5.25 8.25l1.9 1.9 3.6-4" />
        </>
      );
    case "cross":
      return (
        <>
          <circle cx="8" cy="8" r="6.25" />
          <path d="M5.75 5.75l4.5 4.5M10.25 5.75l-4.5 4.5" />
        </>
      );
    case "ban":
      return (
        <>
          <circle cx="8" cy="8" r="6.25" />
          <path d="M3.6 3.6l8.8 8.8" />
        </>
      );
    case "skip":
      return (
        <>
          <path d="M3.5 3.5l5 4.5-5 4.5z" />
          <path d="M12 3.5v9" />
        </>
      );
    case "question":
      return (
        <>
          <circle cx="8" cy="8" r="6.25" />
          <path d="M6.25 6.25a1.85 1.85 0 1 1 2.4 1.75c-.45.2-.65.5-.65.95v.3" />
          <path d="M8 11.25h.01" />
        </>
      );
  }
}
