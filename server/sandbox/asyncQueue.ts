// A queue an async generator can wait on, that gives up when a signal aborts (no leaked listeners).

export class AsyncQueue<T> {
  private items: T[] = [];
  private wake: (() => void) | undefined;

  push(...items: T[]): void {
    this.items.push(...items);
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  /** Everything queued so far; waits for at least one item. Undefined when the signal aborted. */
  async take(signal: AbortSignal): Promise<T[] | undefined> {
    while (this.items.length === 0) {
      if (signal.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        signal.addEventListener("abort", onAbort, { once: true });
        this.wake = () => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        };
      });
    }
    const out = this.items;
    this.items = [];
    return out;
  }
}
