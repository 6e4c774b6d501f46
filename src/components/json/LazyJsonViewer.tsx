// The JSON viewer, loaded on first use (it is not needed until a payload is opened).
import { lazy, Suspense } from "react";
import type { JsonViewerProps } from "./JsonViewer";

const JsonViewer = lazy(() => import("./JsonViewer"));

export function LazyJsonViewer(props: JsonViewerProps) {
  return (
    <Suspense fallback={<p className="muted" role="status">Loading viewer…</p>}>
      <JsonViewer {...props} />
    </Suspense>
  );
}
