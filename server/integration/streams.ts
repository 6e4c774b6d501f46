// Consuming server streams in integration tests.
import { ThreadStatus, type WatchThreadResponse } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import type { ScriptumClient } from "./clients";

/** Reads a whole stream. */
export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

/**
 * A stream read in the background: `items` grows as messages arrive; `done` settles when the
 * stream ends (rejects with its error); stop() aborts it (then `done` resolves).
 */
export interface Background<T> {
  items: T[];
  done: Promise<T[]>;
  stop(): void;
}

export function inBackground<T>(open: (signal: AbortSignal) => AsyncIterable<T>): Background<T> {
  const abort = new AbortController();
  const items: T[] = [];
  const done = (async () => {
    try {
      for await (const item of open(abort.signal)) items.push(item);
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
    return items;
  })();
  done.catch(() => {});
  return { items, done, stop: () => abort.abort() };
}

export const TERMINAL: ReadonlySet<ThreadStatus> = new Set([
  ThreadStatus.COMPLETED,
  ThreadStatus.FAILED,
  ThreadStatus.CANCELLED,
]);

/** WatchThread from the start until the server closes the stream (a terminal status). */
export function watchToEnd(client: ScriptumClient, threadId: string): Promise<WatchThreadResponse[]> {
  return collect(client.watchThread({ threadId }, { timeoutMs: 60_000 }));
}

export async function waitForStatus(
  client: ScriptumClient,
  threadId: string,
  status: ThreadStatus,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const thread = await client.getThread({ threadId });
    if (thread.status === status) return;
    if (TERMINAL.has(thread.status) || Date.now() > deadline) {
      throw new Error(
        `thread ${threadId} is ${ThreadStatus[thread.status]} (error "${thread.error}"), expected ${ThreadStatus[status]}`,
      );
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The sequences are strictly increasing. */
export function isStrictlyIncreasing(sequences: readonly bigint[]): boolean {
  return sequences.every((s, i) => i === 0 || s > (sequences[i - 1] ?? 0n));
}
