// One step's detail (GetThreadResult with the exact step path), and, while the step runs, its
// WatchStep events: the service sends no snapshot on WatchStep, so the detail is fetched first
// and fetched again on each event the step stream brings.
import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { StepDetail } from "../api/gen/dodil/scriptum/v1/scriptum_pb";
import { useScriptumClient } from "../api/client";
import { loadStepDetail } from "../api/steps/stepStream";

export const stepDetailKey = (threadId: string, stepPath: string) => ["scriptum", "stepDetail", threadId, stepPath] as const;

export function useStepDetail(
  threadId: string,
  stepPath: string | undefined,
  options: { follow: boolean; /** The step tree has this step. */ known: boolean },
) {
  const client = useScriptumClient();
  const queryClient = useQueryClient();
  const query = useQuery<StepDetail>({
    queryKey: stepDetailKey(threadId, stepPath ?? ""),
    queryFn: ({ signal }) => loadStepDetail(client, threadId, stepPath ?? "", signal, { known: options.known }),
    enabled: stepPath !== undefined && stepPath !== "",
    staleTime: options.follow ? 0 : 60_000,
  });
  const follow = options.follow && stepPath !== undefined && stepPath !== "";
  useEffect(() => {
    if (!follow || stepPath === undefined) return;
    const abort = new AbortController();
    void (async () => {
      try {
        for await (const ev of client.watchStep({ threadId, stepPath }, { signal: abort.signal })) {
          if (ev.event.case === "snapshot") {
            queryClient.setQueryData(stepDetailKey(threadId, stepPath), ev.event.value);
          } else {
            void queryClient.invalidateQueries({ queryKey: stepDetailKey(threadId, stepPath) });
          }
        }
        // The stream ends when the step does: read the final detail.
        if (!abort.signal.aborted) void queryClient.invalidateQueries({ queryKey: stepDetailKey(threadId, stepPath) });
      } catch {
        // Following is a bonus: the detail query and the thread's live view still update the page.
      }
    })();
    return () => abort.abort();
  }, [client, queryClient, threadId, stepPath, follow]);
  return query;
}
