// A/B of the history scroll between builds, finer than the suite's frame p95 (which moves in whole
// vsyncs): the main thread's busy time per frame (CDP Performance.getMetrics TaskDuration, and its
// script / layout / style parts) and the frames over 20 ms. For diagnosis, not part of the suite.
//   npx vite build --outDir /tmp/build-a   (then change something)   npx vite build --outDir /tmp/build-b
//   node bench/history-ab.mjs --rows 3000 --rounds 5 /tmp/build-a /tmp/build-b
// One sandbox per build (100,000 seeded threads), rounds interleaved so load hits both alike.
import { launchChromium } from "./lib/browser.mjs";
import { benchSandboxArgs, startSandbox } from "./lib/server.mjs";
import { median } from "./lib/stats.mjs";
import { newProbedPage, scriptedScroll, sleep, waitPainted } from "./lib/probes.mjs";
import { loadRows } from "./scenarios/history.mjs";

const ROW_HEIGHT = 40;
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return Number(value);
};
const rows = option("--rows", 3000);
const rounds = option("--rounds", 5);
const dirs = args;
if (dirs.length === 0 || !Number.isFinite(rows) || !Number.isFinite(rounds)) {
  console.error("node bench/history-ab.mjs [--rows N] [--rounds N] BUILD_DIR [BUILD_DIR…]");
  process.exit(2);
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send("Performance.getMetrics");
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function measure(browser, url) {
  const probe = await newProbedPage(browser, { rows: '[role="row"][data-thread-id]' });
  try {
    const { page, cdp } = probe;
    await page.goto(`${url}/threads`);
    await waitPainted(page, "rows");
    const loaded = await loadRows(page, rows, 240_000);
    await sleep(800);
    const before = await metrics(cdp);
    const scroll = await scriptedScroll(page, ".threads-table__scroll", { step: 400, toPx: (loaded - 40) * ROW_HEIGHT, maxMs: 45_000 });
    const after = await metrics(cdp);
    const n = scroll.frames.length;
    const perFrame = (key) => ((after[key] - before[key]) * 1000) / n;
    return {
      frames: n,
      busy: perFrame("TaskDuration"),
      script: perFrame("ScriptDuration"),
      layout: perFrame("LayoutDuration"),
      style: perFrame("RecalcStyleDuration"),
      over20: scroll.frames.filter((f) => f > 20).length,
    };
  } finally {
    await probe.close();
  }
}

const servers = [];
const results = dirs.map(() => []);
const browser = await launchChromium();
try {
  for (const [i, staticDir] of dirs.entries()) {
    servers.push(await startSandbox({ port: 7600 + i, staticDir, args: benchSandboxArgs() }));
  }
  for (let round = 0; round < rounds; round++) {
    for (const [i, server] of servers.entries()) {
      const r = await measure(browser, server.url);
      results[i].push(r);
      console.log(`${dirs[i]} round ${round + 1}: ${Object.entries(r).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(2)}`).join(", ")}`);
    }
  }
} finally {
  await browser.close();
  for (const server of servers) await server.stop();
}
console.log(`\nmedians of ${rounds} rounds, ${rows} rows, ms per frame:`);
for (const [i, dir] of dirs.entries()) {
  const keys = Object.keys(results[i][0] ?? {});
  console.log(`${dir}: ${keys.map((k) => `${k} ${median(results[i].map((r) => r[k])).toFixed(k === "frames" || k === "over20" ? 0 : 2)}`).join(", ")}`);
}
