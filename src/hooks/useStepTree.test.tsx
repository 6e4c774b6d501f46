// The step tree under the call gate (storm guard, issue 8 scenario 3), against an in-memory
// ScriptumService (fakeScriptum, real handlers) that can go down: no re-read while the gate is
// closed (the read is held, not sent), one read when it reopens; the re-read after a run finishes
// still happens, once the service is back.
import type { ReactNode } from "react";
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Code, ConnectError, type Transport } from "@connectrpc/connect";
import { StepStatus, ThreadStatus } from "../api/gen/dodil/scriptum/v1/scriptum_pb";
import { useCallGate } from "../api/callGateContext";
import { useScriptumClient } from "../api/client";
import { fakeScriptum, type FakeThread } from "../api/steps/testing/fakeScriptum";
import { AppProviders } from "../AppProviders";
import { createTestQueryClient } from "../test/renderApp";
import { useStepTree, type UseStepTreeOptions } from "./useStepTree";

function service() {
  const control = { down: false };
  const reads = { count: 0 };
  const thread: FakeThread = {
    threadId: "thr_a",
    scriptName: "fanout",
    status: ThreadStatus.RUNNING,
    steps: [{ path: "1", name: "first", status: StepStatus.COMPLETED }],
  };
  const inner = fakeScriptum([thread]);
  // Every call but HealthCheck fails with UNAVAILABLE while down, like the sandbox's storm fault.
  // reads: the StreamStepResult requests sent (failed or not).
  const down = () => Promise.reject(new ConnectError("fault injection: down", Code.Unavailable));
  const transport: Transport = {
    unary: (...args) => (control.down ? down() : inner.unary(...args)),
    stream: (...args) => {
      if (args[0].name === "StreamStepResult") reads.count += 1;
      return control.down ? down() : inner.stream(...args);
    },
  };
  return { control, reads, thread, transport };
}

function useHarness(options: UseStepTreeOptions) {
  return { tree: useStepTree("thr_a", options), gate: useCallGate().gate, client: useScriptumClient() };
}

async function attempt(call: Promise<unknown>): Promise<void> {
  await call.catch(() => undefined);
}

describe("useStepTree under the call gate", () => {
  it("re-reads nothing while the gate is closed, reads once when it reopens, and refreshes after the run", async () => {
    const { control, reads, thread, transport } = service();
    const queryClient = createTestQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <AppProviders transport={transport} queryClient={queryClient}>
        {children}
      </AppProviders>
    );
    const running: UseStepTreeOptions = { liveEvents: [], running: true, totalStepsHint: 1 };
    const { result, rerender } = renderHook((props: UseStepTreeOptions) => useHarness(props), {
      wrapper,
      initialProps: running,
    });
    await waitFor(() => expect(result.current.tree.status).toBe("ready"));
    expect(result.current.tree.tree.count).toBe(1);
    expect(reads.count).toBe(1);

    // The service goes down: two unary calls close the gate.
    control.down = true;
    await act(async () => {
      await attempt(result.current.client.getThread({ threadId: "thr_a" }));
      await attempt(result.current.client.getThread({ threadId: "thr_a" }));
    });
    expect(result.current.gate.getSnapshot().kind).toBe("unreachable");

    // The run ends meanwhile: its re-read is held by the gate, not sent.
    thread.steps.push({ path: "2", name: "second", status: StepStatus.COMPLETED });
    rerender({ ...running, running: false });
    await waitFor(() => expect(result.current.tree.error).toBeDefined());
    expect(reads.count).toBe(1);
    // The tree that was shown stays.
    expect(result.current.tree.status).toBe("ready");
    expect(result.current.tree.tree.count).toBe(1);

    // The service is back; another call is the probe that finds it: the tree reads once.
    control.down = false;
    await act(async () => {
      result.current.gate.allowProbe();
      await result.current.client.getThread({ threadId: "thr_a" });
    });
    await waitFor(() => expect(result.current.tree.tree.count).toBe(2));
    expect(result.current.tree.error).toBeUndefined();
    expect(reads.count).toBe(2);
  });

  it("a read that fails while the gate stays open is not retried in a loop", async () => {
    const { control, reads, transport } = service();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <AppProviders transport={transport} queryClient={createTestQueryClient()}>
        {children}
      </AppProviders>
    );
    control.down = true;
    const { result } = renderHook(() => useHarness({ liveEvents: [], running: true, totalStepsHint: 1 }), { wrapper });
    await waitFor(() => expect(result.current.tree.status).toBe("error"));
    // A stream's UNAVAILABLE alone does not close the gate, and the tree does not ask again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reads.count).toBe(1);
    expect(result.current.gate.getSnapshot().kind).toBe("ok");
  });
});
