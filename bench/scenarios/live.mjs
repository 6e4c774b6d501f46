// Budget 4: a `ticker` thread at 200 values a second. Each value carries the time the server
// emitted it (emitted_at_ms, the same system clock as the browser's Date.now()); a
// MutationObserver catches each event row as it is added and records when the frame showing it
// is done. Frame intervals are sampled with requestAnimationFrame throughout; the heap is read
// (after a GC) at 10 s and at the end. Beside it, on the same run, Node polls GetThread every
// second, as the best polling peer does: a value polled that way reaches the reader when the
// first poll started after its emission answers.
import { getThread, createThread } from "../lib/rpc.mjs";
import { heapMb, newProbedPage, sleep } from "../lib/probes.mjs";
import { p95 } from "../lib/stats.mjs";

function installLiveProbe() {
  const live = { values: new Map(), frames: [], started: false };
  window.__live = live;
  const re = /"?emitted_at_ms"?\s*:\s*(\d{12,})/;
  const onAdded = (node) => {
    if (!(node instanceof Element)) return;
    const rows = node.matches("li[data-sequence]") ? [node] : node.querySelectorAll("li[data-sequence]");
    for (const li of rows) {
      const seq = li.getAttribute("data-sequence");
      if (live.values.has(seq)) continue;
      const m = re.exec(li.textContent ?? "");
      if (m === null) continue;
      const rec = { emitted: Number(m[1]), dom: Date.now(), painted: 0 };
      live.values.set(seq, rec);
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => (rec.painted = Date.now());
        ch.port2.postMessage(0);
      });
    }
  };
  const start = () => {
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) onAdded(n);
    }).observe(document.documentElement, { childList: true, subtree: true });
    let last;
    requestAnimationFrame(function tick(t) {
      if (last !== undefined && live.started) live.frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    });
  };
  if (document.documentElement) start();
  else document.addEventListener("readystatechange", start, { once: true });
}

export async function liveScenario({ browser, server, runs, quick, log }) {
  const seconds = quick ? 4 : 60;
  const early = quick ? 2 : 10;
  const rate = 200;
  const s = { p95: [], frames: [], heapRatio: [], pollP95: [], ratio: [], count: [] };
  for (let i = 0; i < runs; i++) {
    const probe = await newProbedPage(browser, {}, { fn: installLiveProbe });
    const polls = [];
    let polling = true;
    try {
      const { page, cdp } = probe;
      // Open the console first, then start the ticker, so the page is warm when values flow.
      await page.goto(`${server.url}/threads`);
      await page.waitForSelector('[data-testid="threads-table"], .muted', { timeout: 30_000 });
      const id = await createThread(server.url, "ticker", { seconds, rate });
      const created = Date.now();
      await page.goto(`${server.url}/threads/${id}`);
      await page.waitForSelector('[data-testid="event-timeline"] li[data-sequence]', { timeout: 30_000 });
      const warm = Date.now() + 1000;
      await page.evaluate(() => (window.__live.started = true));
      const poller = (async () => {
        while (polling) {
          const sent = Date.now();
          try {
            await getThread(server.url, id);
            polls.push({ sent, answered: Date.now() });
          } catch {
            // ignore
          }
          const wait = sent + 1000 - Date.now();
          if (wait > 0) await sleep(wait);
        }
      })();
      await sleep(Math.max(0, created + early * 1000 - Date.now()));
      const heapEarly = await heapMb(cdp);
      await sleep(Math.max(0, created + seconds * 1000 + 300 - Date.now()));
      const heapEnd = await heapMb(cdp);
      polling = false;
      await poller;
      await sleep(300);
      const { values, frames } = await page.evaluate(() => ({
        values: [...window.__live.values.values()],
        frames: window.__live.frames,
      }));
      const measured = values.filter((v) => v.emitted >= warm && v.painted > 0);
      const latencies = measured.map((v) => v.painted - v.emitted);
      const pollLat = measured
        .map((v) => polls.find((p) => p.sent >= v.emitted))
        .map((p, j) => (p === undefined ? NaN : p.answered - measured[j].emitted));
      const consoleP95 = p95(latencies);
      const pollP95 = p95(pollLat);
      s.p95.push(consoleP95);
      s.frames.push(p95(frames));
      s.heapRatio.push(heapEnd / heapEarly);
      s.pollP95.push(pollP95);
      s.ratio.push(pollP95 / consoleP95);
      s.count.push(measured.length);
      log(
        `    run ${i + 1}: ${measured.length} values painted (of ${Math.round((seconds - 1) * rate)} expected after warm-up), heap ${heapEarly.toFixed(1)} → ${heapEnd.toFixed(1)} MB`,
      );
    } finally {
      polling = false;
      await probe.close();
    }
  }
  const expected = Math.round((seconds - 1) * rate);
  return [
    { name: `live: ticker ${rate}/s, emit → paint p95`, unit: "ms", budget: 100, cmp: "<=", samples: s.p95 },
    { name: `live: ticker ${rate}/s, frame interval p95`, unit: "ms", budget: 33, cmp: "<=", samples: s.frames },
    { name: `live: JS heap at ${seconds} s / at ${early} s`, unit: "×", budget: 1.5, cmp: "<=", samples: s.heapRatio },
    { name: "live: values seen painted (after 1 s warm-up)", unit: "values", budget: null, cmp: null, samples: s.count, note: `${expected} emitted` },
    { name: "live: 1 s GetThread poll, emit → answer p95 (same run)", unit: "ms", budget: null, cmp: null, samples: s.pollP95 },
    { name: "live: freshness vs 1 s poll (poll p95 / console p95)", unit: "×", budget: null, cmp: null, samples: s.ratio },
  ];
}
