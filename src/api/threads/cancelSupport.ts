// Endpoints that answered CancelThread with UNIMPLEMENTED: the console stops offering Cancel for
// them (for this browser session). A different endpoint, or a reload, asks again.
import { createStore, useStore } from "zustand";

interface CancelSupportState {
  readonly unimplemented: Readonly<Record<string, true>>;
  markUnimplemented(endpoint: string): void;
}

export const cancelSupportStore = createStore<CancelSupportState>((set) => ({
  unimplemented: {},
  markUnimplemented: (endpoint) =>
    set((state) => ({ unimplemented: { ...state.unimplemented, [endpoint]: true } })),
}));

export function useCancelUnimplemented(endpoint: string): boolean {
  return useStore(cancelSupportStore, (state) => state.unimplemented[endpoint] === true);
}
