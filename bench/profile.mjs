// Profiles one scenario with the CDP Profiler and prints where the main thread spends its time
// (self time by function, and the heaviest stacks). For diagnosis, not part of `npm run bench`.
// Build without minification first for readable names:
//   npx vite build --minify false --outDir /tmp/bench-dist-nomin
//   node bench/profile.mjs history-scroll|live|tree-load|tree-scroll --static-dir /tmp/bench-dist-nomin [--rows N]
// Writes bench/results/<scenario>.cpuprofile (open it in Chrome DevTools → Performance).
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { launchChromium } from "./lib/browser.mjs";
import { defaultStaticDir, root, startSandbox } from "./lib/server.mjs";
import { createThread } from "./lib/rpc.mjs";
import { longTasksSince, newProbedPage, nowInPage, scriptedScroll, sleep, waitPainted } from "./lib/probes.mjs";

const args = process.argv.slice(2);
const scenario = args[0];
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const staticDir = opt("--static-dir", defaultStaticDir());
const rows = Number(opt("--rows", "1000"));
const port = Number(opt("--port", "7397"));

function summarize(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const total = new Map();
  const key = (n) => {
    const f = n.callFrame;
    const file = f.url ? f.url.split("/").pop() : "";
    return `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
  };
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    all += dt;
    const node = byId.get(id);
    self.set(key(node), (self.get(key(node)) ?? 0) + dt);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  const fmt = (m) =>
    [...m.entries()]
      .filter(([k]) => !k.startsWith("(idle)") && !k.startsWith("(root)") && !k.startsWith("(program)"))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${v.toFixed(0).padStart(7)} ms  ${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`)
      .join("\n");
  return `profile ${all.toFixed(0)} ms (idle ${(self.get("(idle) :0") ?? 0).toFixed(0)} ms, GC ${(self.get("(garbage collector) :0") ?? 0).toFixed(0)} ms)\nself time:\n${fmt(self)}\ninclusive time:\n${fmt(total)}`;
}

const server = await startSandbox({ port, staticDir, args: ["--memory", "--seed-threads", "100000", "--speed", "20", "--fidelity", "complete"] });
const browser = await launchChromium();
try {
  const probe = await newProbedPage(browser, { rows: '[role="row"][data-thread-id]' });
  const { page, cdp } = probe;
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  let profile;
  if (scenario === "history-scroll") {
    await page.goto(`${server.url}/threads`);
    await waitPainted(page, "rows");
    await page.evaluate(async (want) => {
      const table = document.querySelector('[data-testid="threads-table"]');
      const el = document.querySelector(".threads-table__scroll");
      const count = () => Number(table.getAttribute("data-row-count"));
      while (count() < want) {
        const before = count();
        el.scrollTop = el.scrollHeight;
        while (count() === before) await new Promise((r) => setTimeout(r, 20));
      }
      el.scrollTop = 0;
    }, rows);
    await sleep(1000);
    await cdp.send("Profiler.start");
    const since = await nowInPage(page);
    const scroll = await scriptedScroll(page, ".threads-table__scroll", { step: 400, toPx: (rows - 40) * 40 });
    profile = (await cdp.send("Profiler.stop")).profile;
    const tasks = await longTasksSince(page, since);
    console.log(`scroll: ${scroll.frames.length} frames; long tasks: ${tasks.length}, longest ${Math.max(0, ...tasks).toFixed(0)} ms`);
  } else if (scenario === "live") {
    await page.goto(`${server.url}/threads`);
    const id = await createThread(server.url, "ticker", { seconds: 15, rate: 200 });
    await page.goto(`${server.url}/threads/${id}`);
    await page.waitForSelector('[data-testid="event-timeline"] li[data-sequence]');
    await sleep(2000);
    await cdp.send("Profiler.start");
    const since = await nowInPage(page);
    await sleep(8000);
    profile = (await cdp.send("Profiler.stop")).profile;
    const tasks = await longTasksSince(page, since);
    console.log(`live: long tasks in 8 s: ${tasks.length}, longest ${Math.max(0, ...tasks).toFixed(0)} ms, sum ${tasks.reduce((a, b) => a + b, 0).toFixed(0)} ms`);
  } else if (scenario === "tree-scroll") {
    const id = await createThread(server.url, "fanout", { steps: rows });
    await sleep(3000);
    await page.goto(`${server.url}/threads/${id}`);
    await page.waitForSelector('[role="treeitem"]', { timeout: 60_000 });
    await sleep(3000);
    await cdp.send("Profiler.start");
    const since = await nowInPage(page);
    const scroll = await scriptedScroll(page, '[role="tree"]', { step: 400 });
    profile = (await cdp.send("Profiler.stop")).profile;
    const tasks = await longTasksSince(page, since);
    const sorted = [...scroll.frames].sort((a, b) => a - b);
    console.log(`tree scroll: ${scroll.frames.length} frames, p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)]?.toFixed(1)} ms; long tasks ${tasks.length}`);
  } else if (scenario === "tree-load") {
    const id = await createThread(server.url, "fanout", { steps: rows });
    await sleep(3000);
    await cdp.send("Profiler.start");
    await page.goto(`${server.url}/threads/${id}`);
    await page.waitForSelector('[role="treeitem"]', { timeout: 30_000 }).catch(() => console.log("no step tree"));
    await sleep(2000);
    profile = (await cdp.send("Profiler.stop")).profile;
    const tasks = await longTasksSince(page, 0);
    console.log(`tree load: long tasks ${tasks.map((t) => t.toFixed(0)).join(", ")}`);
  } else {
    throw new Error("scenario: history-scroll | live | tree-load | tree-scroll");
  }
  mkdirSync(path.join(root, "bench/results"), { recursive: true });
  const out = path.join(root, `bench/results/${scenario}.cpuprofile`);
  writeFileSync(out, JSON.stringify(profile));
  console.log(summarize(profile));
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
  await probe.close();
} finally {
  await browser.close();
  await server.stop();
}
