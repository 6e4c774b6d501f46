// Measuring from outside the app: an init script (installed before any page script) records
// long tasks, Event Timing entries (input → next paint, as INP does) and the first time each
// watched selector is in the DOM and then painted; helpers sample frame intervals with
// requestAnimationFrame and read the JS heap through the Chrome DevTools Protocol.

/** Runs in the page before the app. `watch` maps a name to a CSS selector. */
function installProbes(watch) {
  const bench = {
    longtasks: [],
    events: [],
    seen: {},
    painted: {},
  };
  window.__bench = bench;
  // After the next paint: the frame that shows the DOM change is produced after the rAF
  // callbacks; a task posted from rAF runs once that frame is done.
  const afterPaint = (cb) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => cb(performance.now());
      channel.port2.postMessage(0);
    });
  bench.afterPaint = afterPaint;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    // no long task API
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        bench.events.push({ name: e.name, start: e.startTime, duration: e.duration, interactionId: e.interactionId ?? 0 });
      }
    }).observe({ type: "event", buffered: true, durationThreshold: 16 });
  } catch {
    // no event timing API
  }
  const pending = new Set(Object.keys(watch ?? {}));
  if (pending.size > 0) {
    const check = () => {
      for (const name of [...pending]) {
        if (document.querySelector(watch[name]) !== null) {
          pending.delete(name);
          bench.seen[name] = performance.now();
          afterPaint((t) => (bench.painted[name] = t));
        }
      }
      if (pending.size === 0) observer.disconnect();
    };
    const observer = new MutationObserver(check);
    const start = () => {
      observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
      check();
    };
    if (document.documentElement) start();
    else document.addEventListener("readystatechange", start, { once: true });
  }
}

/** A fresh browser context + page with the probes installed. */
export async function newProbedPage(browser, watch = {}, extraInit) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(installProbes, watch);
  if (extraInit !== undefined) await context.addInitScript(extraInit.fn, extraInit.arg);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  return { context, page, cdp, close: () => context.close() };
}

/** Resolves with the time (ms since navigation) the watched selector was first painted. */
export async function waitPainted(page, name, timeout = 60_000) {
  await page.waitForFunction((n) => window.__bench?.painted?.[n] !== undefined, name, { timeout, polling: 50 });
  return page.evaluate((n) => window.__bench.painted[n], name);
}

export async function heapMb(cdp, { gc = true } = {}) {
  if (gc) await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const used = metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? NaN;
  return used / (1024 * 1024);
}

export const nowInPage = (page) => page.evaluate(() => performance.now());

export async function longTasksSince(page, since, until = Infinity) {
  return page.evaluate(
    ([s, u]) => window.__bench.longtasks.filter((t) => t.start + t.duration > s && t.start < u).map((t) => t.duration),
    [since, until],
  );
}

/** Largest Event Timing duration of an interaction (click/keyboard) that started after `since`. */
export async function interactionSince(page, since) {
  return page.evaluate((s) => {
    const entries = window.__bench.events.filter((e) => e.start >= s && e.interactionId > 0);
    return entries.length === 0 ? null : Math.max(...entries.map((e) => e.duration));
  }, since);
}

/** Frame intervals (ms) from requestAnimationFrame over `ms`. */
export function sampleFrames(page, ms) {
  return page.evaluate(
    (duration) =>
      new Promise((resolve) => {
        const out = [];
        let last;
        const end = performance.now() + duration;
        const tick = (t) => {
          if (last !== undefined) out.push(t - last);
          last = t;
          if (t < end) requestAnimationFrame(tick);
          else resolve(out);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

/**
 * Scripted scroll of `selector`'s element from top to `toPx` (or its end) by `step` px per
 * frame, for at most `maxMs` (a slow page would otherwise take minutes); returns the frame
 * intervals, the in-page time window of the scroll and how far it got.
 */
export function scriptedScroll(page, selector, { step = 400, toPx, maxMs = 45_000 } = {}) {
  return page.evaluate(
    ([sel, stepPx, to, cap]) =>
      new Promise((resolve, reject) => {
        const el = document.querySelector(sel);
        if (el === null) return reject(new Error(`no ${sel}`));
        const target = Math.min(to ?? Infinity, el.scrollHeight - el.clientHeight);
        el.scrollTop = 0;
        const frames = [];
        let last;
        const start = performance.now();
        requestAnimationFrame(function tick(t) {
          if (last !== undefined) frames.push(t - last);
          last = t;
          const done = el.scrollTop >= target - 1;
          if (done || t - start > cap) return resolve({ frames, start, end: performance.now(), scrolledPx: el.scrollTop, targetPx: target, capped: !done });
          el.scrollTop = Math.min(target, el.scrollTop + stepPx);
          requestAnimationFrame(tick);
        });
      }),
    [selector, step, toPx, maxMs],
  );
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
