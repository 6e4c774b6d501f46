import { afterEach, describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { createCallGate, type CallGate } from "./callGate";
import { allowProbeWhenVisibleAgain, refetchFailedQueriesOnRecovery } from "./callGateRecovery";

const noToken = new ConnectError("missing bearer token", Code.Unauthenticated);

function refuse(gate: CallGate): void {
  const admission = gate.admit("unary");
  if (admission.kind !== "send") throw new Error("expected send");
  gate.settle(admission.ticket, { kind: "refused", error: noToken });
}

let visibility: DocumentVisibilityState = "visible";
Object.defineProperty(document, "visibilityState", { configurable: true, get: () => visibility });
function setVisibility(next: DocumentVisibilityState): void {
  visibility = next;
  document.dispatchEvent(new Event("visibilitychange"));
}
afterEach(() => setVisibility("visible"));

describe("allowProbeWhenVisibleAgain", () => {
  it("allows one probe when the tab comes back after being hidden, not before", () => {
    const gate = createCallGate();
    refuse(gate);
    const stop = allowProbeWhenVisibleAgain(gate);
    setVisibility("visible");
    expect(gate.getSnapshot()).toMatchObject({ kind: "refused", probeAllowed: false });
    setVisibility("hidden");
    expect(gate.getSnapshot()).toMatchObject({ kind: "refused", probeAllowed: false });
    setVisibility("visible");
    expect(gate.getSnapshot()).toMatchObject({ kind: "refused", probeAllowed: true });
    expect(gate.admit("unary").kind).toBe("send");
    expect(gate.admit("unary").kind).toBe("wait");
    stop();
  });
});

describe("refetchFailedQueriesOnRecovery", () => {
  it("asks the failed queries again when the gate is back to ok", async () => {
    const gate = createCallGate();
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let fail = true;
    let runs = 0;
    const observer = new QueryObserver(queryClient, {
      queryKey: ["thread"],
      queryFn: () => {
        runs++;
        return fail ? Promise.reject(noToken) : Promise.resolve("thr_1");
      },
    });
    const unsubscribeObserver = observer.subscribe(() => {});
    await expect.poll(() => observer.getCurrentResult().status).toBe("error");
    const stop = refetchFailedQueriesOnRecovery(gate, queryClient);

    refuse(gate);
    fail = false;
    gate.allowProbe();
    const probe = gate.admit("unary");
    if (probe.kind !== "send") throw new Error("expected the probe to be sent");
    expect(runs).toBe(1);
    gate.settle(probe.ticket, { kind: "answered" });
    await expect.poll(() => observer.getCurrentResult().data).toBe("thr_1");
    expect(runs).toBe(2);
    stop();
    unsubscribeObserver();
  });
});
