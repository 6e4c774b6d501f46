// The call gate of the current connection, provided by AppProviders, and what the banners may do
// with it: read its state, allow one probe now ("Try now"), or start over ("Try again": a new
// gate, a new client, and every failed query asked again).
import { createContext, useContext, useSyncExternalStore } from "react";
import type { CallGate, CallGateState } from "./callGate";

export interface CallGateControls {
  readonly gate: CallGate;
  /** One probe now, and the failed queries asked again (the first call is the probe). */
  readonly tryNow: () => void;
  /** Forgets what the gate learned: a fresh gate and client, the failed queries asked again. */
  readonly startOver: () => void;
}

export const CallGateContext = createContext<CallGateControls | null>(null);

export function useCallGate(): CallGateControls {
  const controls = useContext(CallGateContext);
  if (controls === null) throw new Error("useCallGate must be used inside <CallGateContext.Provider>");
  return controls;
}

/** The gate of the connection where there is one (tests may render without AppProviders). */
export function useOptionalCallGate(): CallGate | undefined {
  return useContext(CallGateContext)?.gate;
}

export function useCallGateState(): CallGateState {
  const { gate } = useCallGate();
  return useSyncExternalStore(gate.subscribe, gate.getSnapshot, gate.getSnapshot);
}
