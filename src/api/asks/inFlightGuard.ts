// One answer per ask at a time, and never a second answer after one went through. Keys are
// "threadId|stepPath". A double click, Enter pressed twice, or a second form on the same ask gets
// the promise of the request already running instead of sending another.

export type InFlightGuard<T> = {
  run(key: string, start: () => Promise<T>): Promise<T>;
  isRunning(key: string): boolean;
  /** An outcome whose request may have reached the service: check the thread before retrying. */
  markUncertain(key: string): void;
  clearUncertain(key: string): void;
  isUncertain(key: string): boolean;
};

export function createInFlightGuard<T>(): InFlightGuard<T> {
  const running = new Map<string, Promise<T>>();
  const uncertain = new Set<string>();
  return {
    run(key, start) {
      const existing = running.get(key);
      if (existing !== undefined) return existing;
      const promise = start().finally(() => running.delete(key));
      running.set(key, promise);
      return promise;
    },
    isRunning: (key) => running.has(key),
    markUncertain: (key) => void uncertain.add(key),
    clearUncertain: (key) => void uncertain.delete(key),
    isUncertain: (key) => uncertain.has(key),
  };
}

export function askKey(threadId: string, stepPath: string): string {
  return `${threadId}|${stepPath}`;
}
