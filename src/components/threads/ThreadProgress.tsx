// Progress of a thread: current step path and name, step k of total_steps, a progress bar.
import type { ThreadView } from "../../api/live/threadView";

export function ThreadProgress({ thread }: { thread: ThreadView }) {
  const { totalSteps, completedSteps, currentStepPath, currentStepName } = thread;
  const known = totalSteps > 0;
  const done = Math.min(completedSteps, known ? totalSteps : completedSteps);
  return (
    <section className="thread-progress" aria-label="Progress">
      <div className="thread-progress__text">
        {currentStepPath !== "" ? (
          <span>
            Current step <code data-testid="current-step-path">{currentStepPath}</code>
            {currentStepName !== "" ? <> {currentStepName}</> : null}
          </span>
        ) : (
          <span className="muted">No step started yet</span>
        )}
        <span data-testid="step-count">
          {known ? `Step ${Math.min(done + (thread.finishedAtMs ? 0 : 1), totalSteps)} of ${totalSteps}` : `${done} steps done`}
        </span>
      </div>
      {known ? (
        <progress
          className="thread-progress__bar"
          max={totalSteps}
          value={done}
          aria-label={`${done} of ${totalSteps} steps finished`}
        />
      ) : null}
    </section>
  );
}
