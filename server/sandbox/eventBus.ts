// Live fan-out of stored events to watchers, per thread.
import type { StoredEvent } from "./model.js";

export type EventListener = (events: readonly StoredEvent[]) => void;

export class EventBus {
  private readonly listeners = new Map<string, Set<EventListener>>();

  subscribe(threadId: string, listener: EventListener): () => void {
    let set = this.listeners.get(threadId);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(threadId, set);
    }
    set.add(listener);
    return () => {
      const s = this.listeners.get(threadId);
      if (s === undefined) return;
      s.delete(listener);
      if (s.size === 0) this.listeners.delete(threadId);
    };
  }

  publish(threadId: string, events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    const set = this.listeners.get(threadId);
    if (set === undefined) return;
    for (const l of [...set]) l(events);
  }

  listenerCount(threadId?: string): number {
    if (threadId !== undefined) return this.listeners.get(threadId)?.size ?? 0;
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
}
