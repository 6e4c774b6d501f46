// What the open ask is: script, thread, step, prompt, how long it has waited, when it expires,
// how many attempts are left. The prompt is the script's text: shown as text, never as HTML.
import { Link } from "react-router";
import type { LoadedAsk } from "../../api/asks/loadAsk";
import type { Thread } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { RelativeTime } from "../../components/common/RelativeTime";
import { paths } from "../../routes";
import { AttemptsLeft } from "./AttemptsLeft";
import { ExpiryCountdown } from "./ExpiryCountdown";
import { toInboxEntry } from "./inboxEntry";

export function AskHeader({ thread, loaded, headingId }: { thread: Thread; loaded: LoadedAsk | null; headingId: string }) {
  const entry = toInboxEntry(thread, loaded ?? undefined, loaded === null);
  const stepName = loaded?.step?.name ?? thread.currentStepName;
  return (
    <header className="ask-header stack">
      <div>
        <h2 id={headingId} className="ask-header__title">
          {thread.scriptName} <span className="mono subtle">{thread.threadId}</span>
        </h2>
        <p className="subtle">
          Step <span className="mono">{loaded?.stepPath ?? thread.currentStepPath}</span>
          {stepName !== "" ? <span className="mono"> ({stepName})</span> : null} ·{" "}
          <Link to={paths.thread(thread.threadId)}>Open thread</Link>
        </p>
      </div>
      {entry.prompt !== "" ? <p className="ask-header__prompt">{entry.prompt}</p> : null}
      <p className="ask-header__meta">
        <span>
          Waiting since <RelativeTime ms={entry.waitingSinceMs} />
        </span>
        <ExpiryCountdown expiresAtMs={entry.expiresAtMs} />
        <AttemptsLeft left={entry.attemptsLeft} max={entry.maxAttempts} />
      </p>
    </header>
  );
}
