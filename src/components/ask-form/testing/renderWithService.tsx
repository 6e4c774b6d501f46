// Renders one component with a Scriptum client on an in-memory transport, a query client and a
// memory router (links need one). No module is mocked.
import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import type { Transport } from "@connectrpc/connect";
import { QueryClientProvider } from "@tanstack/react-query";
import { createMemoryRouter, RouterProvider } from "react-router";
import { createScriptumClient, ScriptumClientContext } from "../../../api/client";
import { createTestQueryClient } from "../../../test/renderApp";

export function renderWithService(element: ReactElement, transport: Transport) {
  const router = createMemoryRouter([{ path: "*", element }], { initialEntries: ["/here"] });
  const queryClient = createTestQueryClient();
  return render(
    <ScriptumClientContext.Provider value={createScriptumClient(transport)}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ScriptumClientContext.Provider>,
  );
}
