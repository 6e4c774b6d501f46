// Web tests run in the vmThreads pool (vitest.config.ts): each test file gets a fresh jsdom window
// as its global, in a worker thread that keeps jsdom's own ~1.3 s of module loading from the file
// before. Two things make that the same environment the forks pool gave:
// - The globals Node has and jsdom lacks (streams, CompressionStream, crypto and performance
//   classes) are not in the window: they are added here, the same values the forks pool exposed.
// - With a single worker Vitest hands one thread all the files at once and they share ONE window
//   (storage, DOM, globals). The config asks for 2 workers; if that ever changes, this fails
//   instead of letting one file's leftovers reach the next.
import * as streams from "node:stream/web";
import * as nodeCrypto from "node:crypto";
import * as perfHooks from "node:perf_hooks";

const g = globalThis as Record<string, unknown>;
const marker = "__scriptumTestFileWindow";
if (g[marker] !== undefined) {
  throw new Error(
    `this jsdom window already ran ${String(g[marker])}: test files share a window (vmThreads with one worker). Run with maxWorkers ≥ 2 (vitest.config.ts).`,
  );
}
g[marker] = (g.__vitest_worker__ as { filepath?: string } | undefined)?.filepath ?? "another test file";

const fromNode: Record<string, unknown> = {
  ...streams,
  CryptoKey: nodeCrypto.webcrypto.CryptoKey,
  SubtleCrypto: nodeCrypto.webcrypto.subtle.constructor,
  PerformanceEntry: perfHooks.PerformanceEntry,
  PerformanceMark: perfHooks.PerformanceMark,
  PerformanceMeasure: perfHooks.PerformanceMeasure,
  PerformanceObserver: perfHooks.PerformanceObserver,
  PerformanceObserverEntryList: perfHooks.PerformanceObserverEntryList,
  PerformanceResourceTiming: perfHooks.PerformanceResourceTiming,
};
for (const [name, value] of Object.entries(fromNode)) {
  if (value !== undefined && !(name in g)) Object.defineProperty(g, name, { value, writable: true, configurable: true });
}
