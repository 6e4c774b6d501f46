// Parses big JSON text off the page's thread.
/// <reference lib="webworker" />
declare const self: DedicatedWorkerGlobalScope;
export {};

self.onmessage = (e: MessageEvent<{ id: number; text: string }>) => {
  const { id, text } = e.data;
  try {
    self.postMessage({ id, ok: true, value: JSON.parse(text) as unknown });
  } catch (err) {
    self.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
