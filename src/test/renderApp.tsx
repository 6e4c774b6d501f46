// Renders the whole console at a path, in memory, with a given transport: the way page tests
// exercise real routing, providers and a createRouterTransport backend (no module mocks).
import { render, type RenderResult } from "@testing-library/react";
import type { Transport } from "@connectrpc/connect";
import { QueryClient } from "@tanstack/react-query";
import { createMemoryRouter } from "react-router";
import { AppProviders } from "../AppProviders";
import { AppRouter, type DataRouter } from "../AppRouter";

/** Defaults for tests: no retries (a test sees the first error), nothing garbage-collected. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
}

export function renderApp(
  path: string,
  options: { transport: Transport; queryClient?: QueryClient },
): RenderResult & { router: ReturnType<typeof createMemoryRouter>; queryClient: QueryClient } {
  let router: DataRouter | undefined;
  const create = (routes: Parameters<typeof createMemoryRouter>[0]): DataRouter =>
    (router = createMemoryRouter(routes, { initialEntries: [path] }));
  const queryClient = options.queryClient ?? createTestQueryClient();
  const result = render(
    <AppProviders transport={options.transport} queryClient={queryClient}>
      <AppRouter create={create} />
    </AppProviders>,
  );
  if (router === undefined) throw new Error("the app did not create its router");
  return { ...result, router, queryClient };
}
