// The console: providers around the router. Tests pass an in-memory transport and their own
// query client; the browser build uses the transport built from /settings.
import type { Transport } from "@connectrpc/connect";
import type { QueryClient } from "@tanstack/react-query";
import { createBrowserRouter } from "react-router";
import { AppProviders } from "./AppProviders";
import { AppRouter } from "./AppRouter";

export interface AppProps {
  transport?: Transport;
  queryClient?: QueryClient;
}

export function App({ transport, queryClient }: AppProps) {
  return (
    <AppProviders transport={transport} queryClient={queryClient}>
      <AppRouter create={(routes) => createBrowserRouter(routes)} />
    </AppProviders>
  );
}
