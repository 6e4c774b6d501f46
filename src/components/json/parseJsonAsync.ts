// JSON.parse that does not block the page for big texts: a worker above WORKER_MIN characters
// (where workers exist), the page's thread below it.

export const WORKER_MIN = 256 * 1024;
/** Above this the tree view is not offered: the text view shows it. */
export const TREE_MAX = 24 * 1024 * 1024;

export type ParseResult = { ok: true; value: unknown } | { ok: false; message: string };

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, (r: ParseResult) => void>();

function getWorker(): Worker {
  if (worker !== null) return worker;
  const w = new Worker(new URL("./jsonParse.worker.ts", import.meta.url), { type: "module" });
  w.onmessage = (e: MessageEvent<{ id: number } & ParseResult>) => {
    const { id, ...result } = e.data;
    waiting.get(id)?.(result as ParseResult);
    waiting.delete(id);
  };
  w.onerror = () => {
    for (const r of waiting.values()) r({ ok: false, message: "the JSON worker failed" });
    waiting.clear();
    worker = null;
  };
  worker = w;
  return w;
}

export function parseJsonSync(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

export function parseJsonAsync(text: string): Promise<ParseResult> {
  if (text.length < WORKER_MIN || typeof Worker === "undefined") return Promise.resolve(parseJsonSync(text));
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    getWorker().postMessage({ id, text });
  });
}
