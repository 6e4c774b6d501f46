// One live session per thread, shared by every component that shows it (browsers allow ~6
// HTTP/1.1 connections per origin: the console never opens a second stream for a thread).
// Reference-counted; a session whose last user leaves is stopped after a short grace period, so
// that a quick unmount/mount (route change, React strict mode) keeps the stream.
import type { ScriptumClient } from "../client";
import { ThreadLiveSession } from "./threadLiveSession";

interface Entry {
  readonly session: ThreadLiveSession;
  refs: number;
  disposeTimer: ReturnType<typeof setTimeout> | undefined;
}

export const releaseGraceMs = 1_000;

const registries = new WeakMap<ScriptumClient, Map<string, Entry>>();

function registryOf(client: ScriptumClient): Map<string, Entry> {
  let registry = registries.get(client);
  if (registry === undefined) {
    registry = new Map();
    registries.set(client, registry);
  }
  return registry;
}

function scheduleDispose(registry: Map<string, Entry>, threadId: string, entry: Entry): void {
  if (entry.disposeTimer !== undefined) clearTimeout(entry.disposeTimer);
  entry.disposeTimer = setTimeout(() => {
    entry.disposeTimer = undefined;
    if (entry.refs > 0) return;
    entry.session.stop();
    if (registry.get(threadId) === entry) registry.delete(threadId);
  }, releaseGraceMs);
}

/** The shared session of a thread, created (not started) when missing. Safe to call in render. */
export function getThreadLiveSession(client: ScriptumClient, threadId: string): ThreadLiveSession {
  const registry = registryOf(client);
  const existing = registry.get(threadId);
  if (existing !== undefined) return existing.session;
  const entry: Entry = { session: new ThreadLiveSession(client, threadId), refs: 0, disposeTimer: undefined };
  registry.set(threadId, entry);
  scheduleDispose(registry, threadId, entry);
  return entry.session;
}

/** Takes a reference to the session (starting it); returns the release function. */
export function retainThreadLiveSession(client: ScriptumClient, session: ThreadLiveSession): () => void {
  const registry = registryOf(client);
  let entry = registry.get(session.threadId);
  if (entry?.session !== session) {
    entry = { session, refs: 0, disposeTimer: undefined };
    registry.set(session.threadId, entry);
  }
  const held = entry;
  if (held.disposeTimer !== undefined) clearTimeout(held.disposeTimer);
  held.disposeTimer = undefined;
  held.refs += 1;
  session.start();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.refs -= 1;
    if (held.refs === 0) scheduleDispose(registry, session.threadId, held);
  };
}

/** How many sessions of this client are running (each holds at most one stream). */
export function runningSessionCount(client: ScriptumClient): number {
  let count = 0;
  for (const entry of registryOf(client).values()) if (entry.session.isRunning) count += 1;
  return count;
}
