// Which of the console server's own HTTP endpoints a request names (everything that is not an
// RPC). Pure, so the table of paths is tested in one place.

export type HttpRoute =
  | { kind: "health" }
  | { kind: "ready" }
  | { kind: "get-faults" }
  | { kind: "set-faults" }
  | { kind: "thread-events"; threadId: string }
  | { kind: "artifact"; threadId: string; name: string }
  | { kind: "method-not-allowed"; allow: string }
  | { kind: "not-found" }
  | { kind: "static" };

export const SANDBOX_PREFIX = "/__sandbox";

export function matchHttpRoute(
  method: string,
  pathname: string,
  options: { faultInjection: boolean },
): HttpRoute {
  const read = method === "GET" || method === "HEAD";
  const only = (allow: string, route: HttpRoute): HttpRoute =>
    allow.split(", ").includes(method) ? route : { kind: "method-not-allowed", allow };

  if (pathname === "/health") return only("GET, HEAD", { kind: "health" });
  if (pathname === "/ready") return only("GET, HEAD", { kind: "ready" });
  if (pathname !== SANDBOX_PREFIX && !pathname.startsWith(`${SANDBOX_PREFIX}/`)) {
    return { kind: "static" };
  }
  const segments = pathname.slice(SANDBOX_PREFIX.length + 1).split("/").map(safeDecode);
  if (segments.some((s) => s === null || s === "")) return { kind: "not-found" };
  const [first, second, third, ...rest] = segments as string[];
  // Served always: ListArtifacts' download URLs point here in complete fidelity.
  if (first === "artifacts" && second !== undefined && third !== undefined && rest.length === 0) {
    return only("GET, HEAD", { kind: "artifact", threadId: second, name: third });
  }
  if (!options.faultInjection) return { kind: "not-found" };
  if (first === "faults" && second === undefined) {
    if (read) return { kind: "get-faults" };
    return only("GET, HEAD, POST", { kind: "set-faults" });
  }
  if (first === "threads" && second !== undefined && third === "events" && rest.length === 0) {
    return only("GET, HEAD", { kind: "thread-events", threadId: second });
  }
  return { kind: "not-found" };
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
