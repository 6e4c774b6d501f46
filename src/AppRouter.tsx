// The router, inside the providers: its routes' loaders start their first reads with the current
// connection's client and query cache (routeData.ts), beside the page's code. `create` builds the
// router: a browser router in the app, a memory router in tests.
import { useEffect, useLayoutEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { RouterProvider, type createBrowserRouter, type RouteObject } from "react-router";
import { useOptionalCallGate } from "./api/callGateContext";
import { useScriptumClient } from "./api/client";
import { createAppRoutes } from "./AppRoutes";
import { warmTimestampFormat } from "./components/common/formatTime";
import { createRouteDataCell } from "./routeData";

export type DataRouter = ReturnType<typeof createBrowserRouter>;

export function AppRouter({ create }: { create: (routes: RouteObject[]) => DataRouter }) {
  const scriptum = useScriptumClient();
  const queryClient = useQueryClient();
  const gate = useOptionalCallGate();
  // Loaders read the connection of the moment (a new one replaces the client and clears the cache).
  const [connection] = useState(() => createRouteDataCell({ scriptum, queryClient, gate }));
  useLayoutEffect(() => connection.set({ scriptum, queryClient, gate }), [connection, scriptum, queryClient, gate]);
  const [router] = useState(() => create(createAppRoutes(connection.get)));
  // Every page shows times: their formatter is built when the main thread is first idle after the
  // first render (the page's code and first answer are then on their way), not in the middle of the
  // first rows, nor in the way of the page's code arriving (a 40–100 ms task on these machines).
  useEffect(() => {
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(warmTimestampFormat, { timeout: 1_000 });
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(warmTimestampFormat, 0);
    return () => clearTimeout(timer);
  }, []);
  return <RouterProvider router={router} />;
}
