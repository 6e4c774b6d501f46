// Adds the identity headers every Scriptum call expects (seed 004): authorization, organization
// id and name. Each header is sent only when its value is set; the values are read at call time,
// so a token change applies to the next call without rebuilding the transport. getAuth may answer
// with a promise (the app waits for the console config before it sends a stored token).
import type { Interceptor } from "@connectrpc/connect";

export interface AuthHeaders {
  token: string;
  orgId: string;
  orgName: string;
}

export function createAuthInterceptor(getAuth: () => AuthHeaders | Promise<AuthHeaders>): Interceptor {
  return (next) => async (request) => {
    const { token, orgId, orgName } = await getAuth();
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
