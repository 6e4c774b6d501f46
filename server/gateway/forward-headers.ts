// Which request headers the gateway sends upstream. Only identity headers cross the gateway: the
// browser's protocol headers (content-type, connect-*, grpc-web framing) belong to the browser's
// hop, and the gRPC transport writes its own. With gateway-held credentials, the browser's identity
// headers are dropped and the gateway's are sent instead, so a browser cannot act as anyone else.

/** The identity headers of every Scriptum call (seed 004). */
export const IDENTITY_HEADERS = ["authorization", "x-organization-id", "x-organization-name"] as const;

/** Correlation headers forwarded as they are, so an incident can be traced across the hop. */
export const CORRELATION_HEADERS = ["x-request-id", "traceparent", "tracestate"] as const;

export interface GatewayCredentials {
  /** The bearer token, without the "Bearer " prefix. */
  token?: string;
  orgId?: string;
  orgName?: string;
}

/** True when the gateway adds identity headers itself (the browser never holds a token). */
export function holdsCredentials(credentials: GatewayCredentials | undefined): boolean {
  return (
    credentials !== undefined &&
    [credentials.token, credentials.orgId, credentials.orgName].some(
      (value) => value !== undefined && value.trim() !== "",
    )
  );
}

export function upstreamHeaders(
  browser: Headers,
  credentials: GatewayCredentials | undefined,
): Headers {
  const out = new Headers();
  for (const name of CORRELATION_HEADERS) {
    const value = browser.get(name);
    if (value !== null) out.set(name, value);
  }
  if (holdsCredentials(credentials)) {
    const token = credentials?.token?.trim().replace(/^bearer\s+/i, "") ?? "";
    if (token !== "") out.set("authorization", `Bearer ${token}`);
    const orgId = credentials?.orgId?.trim() ?? "";
    if (orgId !== "") out.set("x-organization-id", orgId);
    const orgName = credentials?.orgName?.trim() ?? "";
    if (orgName !== "") out.set("x-organization-name", orgName);
    return out;
  }
  for (const name of IDENTITY_HEADERS) {
    const value = browser.get(name);
    if (value !== null) out.set(name, value);
  }
  return out;
}
