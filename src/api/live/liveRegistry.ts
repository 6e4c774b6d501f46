// One live session per thread, shared by every component that shows it (browsers allow ~6
// HTTP/1.1 connections per origin: the console never opens a second stream for a thread).
// Reference-counted; a session whose last user leaves is stopped after a short grace period, so
// that a quick unmount/mount (route change, React strict mode) keeps the stream.
// Hidden tabs stop streaming: once the page has been hidden for hiddenGraceMs, every running
// session is stopped (its reducer state kept); when the page is visible again they start again
// (GetThread, then WatchThread, whose replay the reducer deduplicates). So background tabs do not
// hold HTTP/1.1 connections that the visible tab needs (issue 8, scenario 8).
import type { CallGate } from "../callGate";
import type { ScriptumClient } from "../client";
import { ThreadLiveSession } from "./threadLiveSession";

interface Entry {
  readonly session: ThreadLiveSession;
  refs: number;
  disposeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Stopped because the page is hidden: started again when it is visible. */
  pausedWhileHidden?: boolean;
}

export const releaseGraceMs = 500;
/** A page hidden for this long stops its streams (a quick tab switch keeps them). */
export const hiddenGraceMs = 3_000;

const registries = new WeakMap<ScriptumClient, Map<string, Entry>>();

interface VisibilityState {
  hidden: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}
const visibilityOf = new WeakMap<Map<string, Entry>, VisibilityState>();

function registryOf(client: ScriptumClient): Map<string, Entry> {
  let registry = registries.get(client);
  if (registry === undefined) {
    registry = new Map();
    registries.set(client, registry);
    watchVisibility(registry);
  }
  return registry;
}

function watchVisibility(registry: Map<string, Entry>): void {
  if (typeof document === "undefined" || typeof document.addEventListener !== "function") return;
  const state: VisibilityState = { hidden: false, timer: undefined };
  visibilityOf.set(registry, state);
  document.addEventListener("visibilitychange", () => {
    if (state.timer !== undefined) clearTimeout(state.timer);
    state.timer = undefined;
    if (document.visibilityState === "hidden") {
      state.timer = setTimeout(() => {
        state.timer = undefined;
        state.hidden = true;
        for (const entry of registry.values()) {
          if (entry.refs > 0 && entry.session.isRunning) {
            entry.pausedWhileHidden = true;
            entry.session.stop();
          }
        }
      }, hiddenGraceMs);
      return;
    }
    state.hidden = false;
    for (const entry of registry.values()) {
      if (entry.pausedWhileHidden !== true) continue;
      entry.pausedWhileHidden = false;
      if (entry.refs > 0) entry.session.start();
    }
  });
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

/** The shared session of a thread, created (not started) when missing. Safe to call in render.
 *  `gate`: the call gate of the client's connection, which the session follows. */
export function getThreadLiveSession(client: ScriptumClient, threadId: string, gate?: CallGate): ThreadLiveSession {
  const registry = registryOf(client);
  const existing = registry.get(threadId);
  if (existing !== undefined) return existing.session;
  const entry: Entry = { session: new ThreadLiveSession(client, threadId, { gate }), refs: 0, disposeTimer: undefined };
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
  if (visibilityOf.get(registry)?.hidden === true) held.pausedWhileHidden = true;
  else session.start();
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
