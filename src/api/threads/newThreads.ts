// Live refresh of the history: threads of the newest page that the list does not hold yet, and
// fresher copies of the rows it holds. New threads are offered ("N new threads"), not inserted
// under the reader's pointer. Pure.
import type { Thread } from "../gen/dodil/scriptum/v1/scriptum_pb";

/** Head threads not in the list and at least as new as its newest thread, newest first. */
export function findNewThreads(head: readonly Thread[], listed: ReadonlySet<string>, newestListedMs: bigint): Thread[] {
  return head.filter((t) => !listed.has(t.threadId) && t.createdAtMs >= newestListedMs);
}

/** Head threads that are in the list: their status, step and times may be fresher. */
export function freshRows(head: readonly Thread[], listed: ReadonlySet<string>): Map<string, Thread> {
  const map = new Map<string, Thread>();
  for (const t of head) if (listed.has(t.threadId)) map.set(t.threadId, t);
  return map;
}
