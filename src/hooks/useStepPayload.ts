// "Load full" for one step payload: StreamStepResult narrowed to the step, chunks reassembled.
import { useCallback, useEffect, useRef, useState } from "react";
import { useScriptumClient } from "../api/client";
import { streamStepPayload, type FullPayload, type PayloadField } from "../api/steps/stepStream";

export type StepPayloadState =
  | { kind: "idle" }
  | { kind: "loading"; receivedBytes: number; totalBytes: number }
  | { kind: "done"; payload: FullPayload }
  | { kind: "error"; error: unknown };

export function useStepPayload(threadId: string, stepPath: string, field: PayloadField) {
  const client = useScriptumClient();
  const [state, setState] = useState<StepPayloadState>({ kind: "idle" });
  const abortRef = useRef<AbortController | null>(null);
  // The view is keyed by step and field, so a new step gets a new hook: only abort on unmount.
  useEffect(() => () => abortRef.current?.abort(), []);
  const load = useCallback(() => {
    abortRef.current?.abort();
    const abort = new AbortController();
    abortRef.current = abort;
    setState({ kind: "loading", receivedBytes: 0, totalBytes: 0 });
    streamStepPayload(client, threadId, stepPath, field, {
      signal: abort.signal,
      onProgress: (p) => setState({ kind: "loading", receivedBytes: p.receivedBytes, totalBytes: p.totalBytes }),
    }).then(
      (payload) => {
        if (!abort.signal.aborted) setState({ kind: "done", payload });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ kind: "error", error });
      },
    );
  }, [client, threadId, stepPath, field]);
  return { state, load };
}
