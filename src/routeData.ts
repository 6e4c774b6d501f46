// What route loaders may use: the query cache and the Scriptum client of the current connection.
// Loaders only start reads early (the page's code and its first answer then load side by side);
// pages still own their queries and render from the same cache. Undefined: nothing is prefetched.
import type { QueryClient } from "@tanstack/react-query";
import type { CallGate } from "./api/callGate";
import type { ScriptumClient } from "./api/client";

export interface RouteData {
  readonly queryClient: QueryClient;
  readonly scriptum: ScriptumClient;
  /** The connection's call gate (reads made outside the client, like the step tree's, go through it). */
  readonly gate: CallGate | undefined;
}

export type GetRouteData = () => RouteData | undefined;

/** A cell with the connection of the moment: loaders read it when a navigation starts. */
export function createRouteDataCell(initial: RouteData): { readonly get: GetRouteData; readonly set: (data: RouteData) => void } {
  let current = initial;
  return {
    get: () => current,
    set: (data) => {
      current = data;
    },
  };
}
