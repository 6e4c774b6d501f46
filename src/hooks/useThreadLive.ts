// useThreadLive(threadId): the live view of one thread (snapshot + events + connection state).
// Every component that calls it for the same thread shares one session and one stream, which
// follows the connection's call gate (restarts when refused credentials are accepted again).
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { useOptionalCallGate } from "../api/callGateContext";
import { useScriptumClient } from "../api/client";
import { getThreadLiveSession, retainThreadLiveSession } from "../api/live/liveRegistry";
import type { LiveView } from "../api/live/threadLiveSession";

export interface ThreadLive extends LiveView {
  /** Reads GetThread now (after a resume or a cancel made from this page). */
  readonly refresh: () => Promise<void>;
}

export function useThreadLive(threadId: string): ThreadLive {
  const client = useScriptumClient();
  const gate = useOptionalCallGate();
  const session = getThreadLiveSession(client, threadId, gate);
  useEffect(() => retainThreadLiveSession(client, session), [client, session]);
  const view = useSyncExternalStore(session.subscribe, session.getView, session.getView);
  return useMemo(() => ({ ...view, refresh: () => session.refresh() }), [view, session]);
}
