// Wraps the messages of one server stream so that the server can end it (dropStreams), hold its
// messages back like a buffering proxy (watch: buffer), and always knows when it is over.
import { Code, ConnectError } from "@connectrpc/connect";

export interface StreamSupervision {
  /** The call's signal: the client went away or the server shuts down. */
  signal: AbortSignal;
  /** Resolves when the stream must end with UNAVAILABLE. */
  dropped: Promise<void>;
  /** Whether messages are held back now. */
  buffering(): boolean;
  /** Resolves when buffering() may have changed. */
  nextChange(): Promise<void>;
  /** Called once when the stream is over, however it ended. */
  onClose(): void;
}

type Event<T> =
  | { kind: "message"; result: IteratorResult<T> }
  | { kind: "error"; error: unknown }
  | { kind: "dropped" }
  | { kind: "aborted" }
  | { kind: "changed" };

export async function* superviseStream<T>(
  inner: AsyncIterable<T>,
  supervision: StreamSupervision,
): AsyncGenerator<T, void, undefined> {
  const iterator = inner[Symbol.asyncIterator]();
  const held: T[] = [];
  let pending: Promise<Event<T>> | null = null;
  let finished = false;
  const dropped: Promise<Event<T>> = supervision.dropped.then(() => ({ kind: "dropped" }));
  let removeAbortListener = (): void => {};
  const aborted = new Promise<Event<T>>((resolve) => {
    if (supervision.signal.aborted) {
      resolve({ kind: "aborted" });
      return;
    }
    const onAbort = (): void => resolve({ kind: "aborted" });
    supervision.signal.addEventListener("abort", onAbort, { once: true });
    removeAbortListener = () => supervision.signal.removeEventListener("abort", onAbort);
  });
  try {
    for (;;) {
      if (held.length > 0 && !supervision.buffering()) {
        yield* held.splice(0, held.length);
        continue;
      }
      pending ??= iterator.next().then(
        (result): Event<T> => ({ kind: "message", result }),
        (error: unknown): Event<T> => ({ kind: "error", error }),
      );
      const waiting: Promise<Event<T>>[] = [pending, dropped, aborted];
      if (held.length > 0) {
        waiting.push(supervision.nextChange().then((): Event<T> => ({ kind: "changed" })));
      }
      const event = await Promise.race(waiting);
      switch (event.kind) {
        case "changed":
          continue;
        case "dropped":
          throw new ConnectError("stream dropped by fault injection", Code.Unavailable);
        case "aborted":
          throw ConnectError.from(supervision.signal.reason, Code.Canceled);
        case "error":
          pending = null;
          finished = true;
          yield* held.splice(0, held.length);
          throw event.error;
        case "message":
          pending = null;
          if (event.result.done === true) {
            finished = true;
            yield* held.splice(0, held.length);
            return;
          }
          if (supervision.buffering()) {
            held.push(event.result.value);
          } else {
            yield event.result.value;
          }
          continue;
      }
    }
  } finally {
    removeAbortListener();
    supervision.onClose();
    if (!finished) {
      // Let the implementation finish in the background; it also sees the aborted signal.
      void iterator.return?.().catch(() => {});
    }
  }
}
