import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { deferred, type Deferred } from "./deferred";
import { superviseStream, type StreamSupervision } from "./supervised-stream";

/** An async iterable whose messages the test pushes one by one. */
function channel<T>() {
  const queue: IteratorResult<T>[] = [];
  let waiting: Deferred<IteratorResult<T>> | null = null;
  let returned = false;
  const push = (result: IteratorResult<T>): void => {
    if (waiting !== null) {
      const w = waiting;
      waiting = null;
      w.resolve(result);
    } else {
      queue.push(result);
    }
  };
  const iterable: AsyncIterable<T> = {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        const queued = queue.shift();
        if (queued !== undefined) return Promise.resolve(queued);
        waiting = deferred<IteratorResult<T>>();
        return waiting.promise;
      },
      return: () => {
        returned = true;
        return Promise.resolve({ done: true, value: undefined });
      },
    }),
  };
  return {
    iterable,
    send: (value: T) => push({ done: false, value }),
    end: () => push({ done: true, value: undefined }),
    wasReturned: () => returned,
  };
}

function supervision(overrides: Partial<StreamSupervision> & { closed?: () => void } = {}) {
  let buffering = false;
  let change = deferred();
  const drop = deferred();
  let closes = 0;
  const abort = new AbortController();
  const value: StreamSupervision = {
    signal: abort.signal,
    dropped: drop.promise,
    buffering: () => buffering,
    nextChange: () => change.promise,
    onClose: () => {
      closes++;
    },
    ...overrides,
  };
  return {
    value,
    setBuffering(on: boolean) {
      buffering = on;
      const previous = change;
      change = deferred();
      previous.resolve();
    },
    drop: () => drop.resolve(),
    abort: (reason?: unknown) => abort.abort(reason),
    closes: () => closes,
  };
}

async function settled<T>(promise: Promise<T>): Promise<"pending" | T> {
  // Lets every queued microtask and an I/O turn run, then reports whether the promise settled.
  const marker = Symbol("pending");
  const result = await Promise.race([promise, new Promise((r) => setImmediate(() => r(marker)))]);
  return result === marker ? "pending" : (result as T);
}

describe("superviseStream", () => {
  it("passes messages through and closes once at the end", async () => {
    const ch = channel<number>();
    const sup = supervision();
    const out = superviseStream(ch.iterable, sup.value);
    ch.send(1);
    ch.send(2);
    ch.end();
    const seen: number[] = [];
    for await (const n of out) seen.push(n);
    expect(seen).toEqual([1, 2]);
    expect(sup.closes()).toBe(1);
  });

  it("holds messages back while buffering and flushes them in order when released", async () => {
    const ch = channel<number>();
    const sup = supervision();
    sup.setBuffering(true);
    const out = superviseStream(ch.iterable, sup.value);
    const first = out.next();
    ch.send(1);
    ch.send(2);
    expect(await settled(first)).toBe("pending");
    sup.setBuffering(false);
    expect(await first).toEqual({ done: false, value: 1 });
    expect(await out.next()).toEqual({ done: false, value: 2 });
    ch.send(3);
    expect(await out.next()).toEqual({ done: false, value: 3 });
    ch.end();
    expect((await out.next()).done).toBe(true);
  });

  it("flushes held messages when the stream ends while buffering", async () => {
    const ch = channel<number>();
    const sup = supervision();
    sup.setBuffering(true);
    const out = superviseStream(ch.iterable, sup.value);
    ch.send(1);
    ch.send(2);
    ch.end();
    const seen: number[] = [];
    for await (const n of out) seen.push(n);
    expect(seen).toEqual([1, 2]);
  });

  it("flushes held messages, then the error, when the stream fails while buffering", async () => {
    const sup = supervision();
    sup.setBuffering(true);
    async function* failing() {
      yield 1;
      throw new ConnectError("boom", Code.Internal);
    }
    const out = superviseStream(failing(), sup.value);
    expect(await out.next()).toEqual({ done: false, value: 1 });
    await expect(out.next()).rejects.toMatchObject({ code: Code.Internal });
  });

  it("ends with UNAVAILABLE when dropped, discards held messages and returns the inner stream", async () => {
    const ch = channel<number>();
    const sup = supervision();
    const out = superviseStream(ch.iterable, sup.value);
    ch.send(1);
    expect(await out.next()).toEqual({ done: false, value: 1 });
    sup.setBuffering(true);
    ch.send(2);
    const next = out.next();
    expect(await settled(next)).toBe("pending");
    sup.drop();
    await expect(next).rejects.toMatchObject({ code: Code.Unavailable });
    expect(sup.closes()).toBe(1);
    expect(ch.wasReturned()).toBe(true);
  });

  it("ends when the call is aborted even if the inner stream is quiet", async () => {
    const ch = channel<number>();
    const sup = supervision();
    const out = superviseStream(ch.iterable, sup.value);
    const next = out.next();
    expect(await settled(next)).toBe("pending");
    sup.abort(new ConnectError("client gone", Code.Canceled));
    await expect(next).rejects.toMatchObject({ code: Code.Canceled });
    expect(sup.closes()).toBe(1);
  });
});
