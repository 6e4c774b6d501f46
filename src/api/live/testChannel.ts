// A hand-fed async stream for router-transport handlers in tests: push messages, fail, or end,
// and the handler (an async generator) delivers them; it ends when the client aborts.
export class TestChannel<T> {
  private queue: Array<{ value: T } | { error: unknown } | { end: true }> = [];
  private waiter: (() => void) | undefined;

  push(...values: T[]): void {
    for (const value of values) this.queue.push({ value });
    this.wake();
  }
  fail(error: unknown): void {
    this.queue.push({ error });
    this.wake();
  }
  end(): void {
    this.queue.push({ end: true });
    this.wake();
  }
  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  async *stream(signal: AbortSignal): AsyncGenerator<T> {
    while (!signal.aborted) {
      const item = this.queue.shift();
      if (item === undefined) {
        await new Promise<void>((resolve) => {
          this.waiter = resolve;
          signal.addEventListener("abort", () => resolve(), { once: true });
        });
        continue;
      }
      if ("end" in item) return;
      if ("error" in item) throw item.error;
      yield item.value;
    }
  }
}
