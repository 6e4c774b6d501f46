// The console: providers around the router. Tests pass an in-memory transport and their own
// query client; the browser build uses the transport built from /settings.
import { useState } from "react";
import type { Transport } from "@connectrpc/connect";
import type { QueryClient } from "@tanstack/react-query";
import { createBrowserRouter, RouterProvider } from "react-router";
import { AppProviders } from "./AppProviders";
import { appRoutes } from "./AppRoutes";

export interface AppProps {
  transport?: Transport;
  queryClient?: QueryClient;
}

export function App({ transport, queryClient }: AppProps) {
  const [router] = useState(() => createBrowserRouter(appRoutes));
  return (
    <AppProviders transport={transport} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
