// Server interceptor refusing calls that checkAuth refuses.
import { ConnectError, type Interceptor } from "@connectrpc/connect";
import { checkAuth, type AuthRequirements } from "./auth-check";

export function authInterceptor(requirements: AuthRequirements): Interceptor {
  return (next) => async (req) => {
    const refusal = checkAuth(req.method.name, req.header, requirements);
    if (refusal !== null) throw new ConnectError(refusal.message, refusal.code);
    return await next(req);
  };
}
