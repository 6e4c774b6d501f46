// "Compare with last success": the latest completed thread of the same script. ListThreads with
// the script and COMPLETED filters; the service's page tokens may repeat, so paging stops at a
// token seen before (and after a few pages whatever happens).
import { ThreadStatus, type Thread } from "../gen/dodil/scriptum/v1/scriptum_pb";
import type { ScriptumClient } from "../client";

export const MAX_PAGES = 5;

export async function findLastSuccess(
  client: ScriptumClient,
  scriptName: string,
  excludeThreadId: string,
  signal?: AbortSignal,
): Promise<Thread | null> {
  const seen = new Set<string>();
  let token = "";
  let best: Thread | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await client.listThreads(
      { scriptNameFilter: scriptName, statusFilter: ThreadStatus.COMPLETED, pageSize: 50, pageToken: token },
      signal ? { signal } : {},
    );
    for (const t of res.threads) {
      if (t.threadId === excludeThreadId || t.status !== ThreadStatus.COMPLETED || t.scriptName !== scriptName) continue;
      if (best === null || endOf(t) > endOf(best)) best = t;
    }
    // Newest first: once a page gave a candidate, later pages hold older threads.
    if (best !== null) return best;
    token = res.nextPageToken;
    if (token === "" || seen.has(token)) break;
    seen.add(token);
  }
  return best;
}

function endOf(t: Thread): bigint {
  return t.finishedAtMs > 0n ? t.finishedAtMs : t.createdAtMs;
}
