// Cancel a thread. An UNIMPLEMENTED answer is remembered per endpoint, and Cancel is no longer
// offered there; any other error is returned for the page to show.
import { useMutation } from "@tanstack/react-query";
import { Code, ConnectError } from "@connectrpc/connect";
import { useScriptumClient } from "../api/client";
import { cancelSupportStore, useCancelUnimplemented } from "../api/threads/cancelSupport";
import { useSettings } from "./settingsStore";

export interface ThreadCancel {
  /** False once this endpoint answered UNIMPLEMENTED. */
  readonly supported: boolean;
  readonly cancel: () => void;
  readonly pending: boolean;
  /** The last failure, other than UNIMPLEMENTED. */
  readonly error: unknown;
  readonly done: boolean;
}

export function useThreadCancel(threadId: string, onCancelled?: () => void): ThreadCancel {
  const client = useScriptumClient();
  const endpoint = useSettings((state) => state.endpoint);
  const unimplemented = useCancelUnimplemented(endpoint);
  const mutation = useMutation({
    mutationFn: () => client.cancelThread({ threadId, reason: "cancelled from Scriptum Console" }),
    onSuccess: () => onCancelled?.(),
    onError: (error) => {
      if (error instanceof ConnectError && error.code === Code.Unimplemented) {
        cancelSupportStore.getState().markUnimplemented(endpoint);
      }
    },
  });
  const error =
    mutation.error instanceof ConnectError && mutation.error.code === Code.Unimplemented ? null : mutation.error;
  return {
    supported: !unimplemented,
    cancel: () => mutation.mutate(),
    pending: mutation.isPending,
    error,
    done: mutation.isSuccess,
  };
}
