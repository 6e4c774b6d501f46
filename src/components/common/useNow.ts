// The current time, re-read every `intervalMs`. All components that tick at the same interval
// share one timer, so a table of 1,000 running durations costs one setInterval.
import { useCallback, useSyncExternalStore } from "react";

interface Ticker {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | undefined;
}

const tickers = new Map<number, Ticker>();

function tickerFor(intervalMs: number): Ticker {
  let ticker = tickers.get(intervalMs);
  if (ticker === undefined) {
    ticker = { now: Date.now(), listeners: new Set(), timer: undefined };
    tickers.set(intervalMs, ticker);
  }
  return ticker;
}

function subscribeTicker(intervalMs: number, onChange: () => void): () => void {
  const ticker = tickerFor(intervalMs);
  ticker.listeners.add(onChange);
  if (ticker.timer === undefined) {
    ticker.now = Date.now();
    ticker.timer = setInterval(() => {
      ticker.now = Date.now();
      for (const listener of ticker.listeners) listener();
    }, intervalMs);
  }
  return () => {
    ticker.listeners.delete(onChange);
    if (ticker.listeners.size === 0 && ticker.timer !== undefined) {
      clearInterval(ticker.timer);
      ticker.timer = undefined;
    }
  };
}

/**
 * Without a running timer the shared value may be old: it is refreshed, at most once per
 * interval, so that consecutive reads during one render agree.
 */
function readTicker(intervalMs: number): number {
  const ticker = tickerFor(intervalMs);
  if (ticker.timer === undefined && Date.now() - ticker.now >= intervalMs) ticker.now = Date.now();
  return ticker.now;
}

export function useNow(intervalMs = 1_000, enabled = true): number {
  const subscribe = useCallback(
    (onChange: () => void) => (enabled ? subscribeTicker(intervalMs, onChange) : () => {}),
    [intervalMs, enabled],
  );
  const read = useCallback(() => readTicker(intervalMs), [intervalMs]);
  return useSyncExternalStore(subscribe, read, read);
}
