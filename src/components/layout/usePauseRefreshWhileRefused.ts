// While the server refuses the credentials (the AuthProblemBanner is shown), the pages' interval
// refreshes stop: every one of them would be refused again, a retry loop in all but name. React
// Query runs interval refetches only while the page counts as focused (refetchIntervalInBackground
// is false throughout the app), so the page counts as "not focused" until the problem is gone —
// a new connection in /settings resets the queries. Pages still load what they show on mount, and
// a query that fails with these codes is never retried (api/queryClient).
import { useEffect } from "react";
import { focusManager } from "@tanstack/react-query";

export function usePauseRefreshWhileRefused(refused: boolean): void {
  useEffect(() => {
    if (!refused) return;
    focusManager.setFocused(false);
    // undefined: back to the browser's own visibility.
    return () => focusManager.setFocused(undefined);
  }, [refused]);
}
