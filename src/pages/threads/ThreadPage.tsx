// /threads/:threadId (and /threads/:threadId/steps/:stepPath): one thread, live. Composes the
// live view (useThreadLive: one shared stream per thread) with the header, progress, actions,
// connection state, the "waiting for input" notice and the event timeline.
import { Link, useParams } from "react-router";
import { usePreloadStepTree } from "../../hooks/useStepTree";
import { useThreadLive } from "../../hooks/useThreadLive";
import { paths } from "../../routes";
import { threadStatusLabel, isTerminalStatus } from "../../api/threads/threadStatus";
import { ErrorMessage } from "../../components/common/ErrorMessage";
import { ConnectionIndicator } from "../../components/threads/ConnectionIndicator";
import { EventTimeline } from "../../components/threads/EventTimeline";
import { LiveStatusAnnouncer } from "../../components/threads/LiveStatusAnnouncer";
import { ThreadActions } from "../../components/threads/ThreadActions";
import { ThreadHeader } from "../../components/threads/ThreadHeader";
import { ThreadProgress } from "../../components/threads/ThreadProgress";
import { WaitingForInput } from "../../components/threads/WaitingForInput";
import { ThreadStatus } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
// Issue 4: step tree, step detail, results and failure triage. A static import: the page always
// shows it, and as a React.lazy part it was held back by React's Suspense fallback throttle (up to
// 300 ms after "Loading steps…" was shown) even once its code had arrived.
import ThreadInvestigation from "../../components/steps/ThreadInvestigation";

export default function ThreadPage() {
  const { threadId = "" } = useParams();
  return <ThreadLiveView key={threadId} threadId={threadId} />;
}

function ThreadLiveView({ threadId }: { threadId: string }) {
  const live = useThreadLive(threadId);
  // The step tree starts loading now, beside GetThread, not once its own code has loaded.
  usePreloadStepTree(threadId);
  const { thread, state } = live;

  if (live.fatalError !== undefined) {
    return (
      <div className="page thread-page">
        <h1>
          Thread <code>{threadId}</code>
        </h1>
        <ErrorMessage error={live.fatalError} title={`Could not open thread ${threadId}`}>
          <Link to={paths.threads()}>Back to the thread history</Link>
        </ErrorMessage>
      </div>
    );
  }

  const announcement =
    thread.status === ThreadStatus.UNSPECIFIED
      ? ""
      : thread.waitingFor !== undefined
        ? "Thread paused: waiting for input"
        : `Thread ${threadStatusLabel(thread.status).toLowerCase()}`;

  return (
    <div className="page thread-page">
      <LiveStatusAnnouncer message={announcement} />
      <ThreadHeader threadId={threadId} snapshot={state.snapshot} view={thread}>
        <ConnectionIndicator connection={live.connection} reconnects={live.reconnects} />
      </ThreadHeader>
      <ThreadActions
        threadId={threadId}
        cancellable={state.snapshot !== undefined && !isTerminalStatus(thread.status)}
        onCancelled={() => void live.refresh()}
      />
      {thread.waitingFor !== undefined ? <WaitingForInput threadId={threadId} waitingFor={thread.waitingFor} /> : null}
      <ThreadProgress thread={thread} />

      {/* ── ISSUE 4 SLOT ──────────────────────────────────────────────────────────────────────
          The step tree, step detail (route /threads/:threadId/steps/:stepPath, ?tab=), results
          panel and failure triage mount here. They get the same live view by calling
          useThreadLive(threadId) (one shared stream), and the step path from useParams(). */}
      <ThreadInvestigation threadId={threadId} />

      <EventTimeline timeline={state.timeline} missingSequences={state.missingSequences} yieldCount={state.fold.yieldCount} />
    </div>
  );
}
