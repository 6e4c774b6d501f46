// Adds the identity headers every Scriptum call expects (seed 004): authorization, organization
// id and name. Each header is sent only when its value is set; the values are read at call time,
// so a token change applies to the next call without rebuilding the transport.
import type { Interceptor } from "@connectrpc/connect";

export interface AuthHeaders {
  token: string;
  orgId: string;
  orgName: string;
}

export function createAuthInterceptor(getAuth: () => AuthHeaders): Interceptor {
  return (next) => (request) => {
    const { token, orgId, orgName } = getAuth();
    const bearer = stripBearerPrefix(token.trim());
    if (bearer !== "") request.header.set("authorization", `Bearer ${bearer}`);
    if (orgId.trim() !== "") request.header.set("x-organization-id", orgId.trim());
    if (orgName.trim() !== "") request.header.set("x-organization-name", orgName.trim());
    return next(request);
  };
}

/** Users paste "Bearer abc" as often as "abc"; both mean the same token. */
function stripBearerPrefix(token: string): string {
  return token.replace(/^bearer\s+/i, "");
}
