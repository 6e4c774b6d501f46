// The live fault state of one server, and the registry of its open server streams.
import { deferred } from "./deferred";
import { applyFaultUpdate, NO_FAULTS, type FaultState, type FaultUpdate } from "./fault-state";

export interface OpenStream {
  readonly method: string;
  /** Resolves when dropStreams ends this stream. */
  readonly dropped: Promise<void>;
  /** Removes the stream from the registry; idempotent. */
  close(): void;
}

export interface FaultController {
  state(): FaultState;
  /** Applies an update (dropStreams included); returns the new state and the streams dropped. */
  update(update: FaultUpdate): { state: FaultState; dropped: number };
  /** Resolves at the next change of the state. */
  nextChange(): Promise<void>;
  openStream(method: string): OpenStream;
  openStreams(): number;
  /** Ends every open stream with UNAVAILABLE; returns how many. */
  dropStreams(): number;
}

export function createFaultController(): FaultController {
  let state: FaultState = NO_FAULTS;
  let changed = deferred();
  const streams = new Map<OpenStream, () => void>();

  function dropStreams(): number {
    const drops = [...streams.values()];
    streams.clear();
    for (const drop of drops) drop();
    return drops.length;
  }

  return {
    state: () => state,
    update(update) {
      state = applyFaultUpdate(state, update);
      const dropped = update.dropStreams ? dropStreams() : 0;
      const previous = changed;
      changed = deferred();
      previous.resolve();
      return { state, dropped };
    },
    nextChange: () => changed.promise,
    openStream(method) {
      const drop = deferred();
      const stream: OpenStream = {
        method,
        dropped: drop.promise,
        close: () => {
          streams.delete(stream);
        },
      };
      streams.set(stream, () => drop.resolve());
      return stream;
    },
    openStreams: () => streams.size,
    dropStreams,
  };
}
