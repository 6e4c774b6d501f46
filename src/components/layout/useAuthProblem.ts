// The refusal of the credentials to show, if any: the call gate's (every call of this connection,
// the live views' included, goes through it: api/callGate.ts), else the first query that failed
// with UNAUTHENTICATED or PERMISSION_DENIED. Such errors are never retried (api/queryClient); the
// layout shows one prompt to fix the connection instead.
import { useCallback, useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useCallGateState } from "../../api/callGateContext";
import { isAuthError } from "../../api/errors";

export function useAuthProblem(): unknown {
  const gate = useCallGateState();
  const cached = useCachedAuthProblem();
  return gate.kind === "refused" ? gate.error : cached;
}

function useCachedAuthProblem(): unknown {
  const queryClient = useQueryClient();
  const cache = queryClient.getQueryCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  const snapshot = useCallback((): unknown => {
    for (const query of cache.getAll()) {
      const { status, error } = query.state;
      if (status === "error" && isAuthError(error)) return error;
    }
    return null;
  }, [cache]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
