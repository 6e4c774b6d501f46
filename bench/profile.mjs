// Profiles one scenario with the CDP Profiler and prints where the main thread spends its time
// (self time by function, and the heaviest stacks). For diagnosis, not part of `npm run bench`.
// Build without minification first for readable names:
//   npx vite build --minify false --outDir /tmp/bench-dist-nomin
//   node bench/profile.mjs history-scroll|live|tree-load|tree-scroll|tree-expand --static-dir /tmp/bench-dist-nomin [--rows N]
//   node bench/profile.mjs history-trace [--cpu]   (the same trace for /threads until its first rows)
//   node bench/profile.mjs tree-trace --rows 100000 [--deep-link 99.99.99] [--warm 1] [--min-task 8] [--cpu] [--after 1500]
//     (a Chrome performance trace: page and worker tasks, requests and marks on one timeline;
//     --cpu adds the page's CPU profile samples of each listed main-thread task: which functions)
// Writes bench/results/<scenario>.cpuprofile (open it in Chrome DevTools → Performance).
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { launchChromium } from "./lib/browser.mjs";
import { benchSandboxArgs, defaultStaticDir, root, startSandbox } from "./lib/server.mjs";
import { createThread, waitTerminal } from "./lib/rpc.mjs";
import { expandNode } from "./scenarios/steps.mjs";
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

const deepLink = opt("--deep-link", undefined);

const TRACE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "blink.user_timing",
  "v8.execute",
  "loading",
  "netlog",
  "toplevel",
];

function busiestRenderer(events, names) {
  const counts = new Map();
  for (const e of events) {
    if (e.name === "RunTask" && names.get(`${e.pid}:${e.tid}`) === "CrRendererMain") counts.set(e.pid, (counts.get(e.pid) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * A readable timeline of a trace, ms from the page's navigation: requests (sent, first byte,
 * finished), user-timing marks, and every task of at least minTask ms on the page's main thread
 * and its workers, with its biggest parts (script, parse, layout, GC, …).
 */
function traceTimeline(trace, minTask, cpu) {
  const events = trace.traceEvents ?? trace;
  const names = new Map();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args.name);
  const nav = events.find((e) => e.name === "navigationStart" && e.args?.data?.isLoadingMainFrame && e.args?.data?.documentLoaderURL?.startsWith("http"));
  // A reduce, not Math.min(...spread): a scroll's trace has too many events for the call stack.
  const t0 = nav?.ts ?? events.reduce((min, e) => (e.ts > 0 && e.ts < min ? e.ts : min), Number.POSITIVE_INFINITY);
  // Without a navigation in the trace (a scroll), the renderer with the most main-thread tasks.
  const rendererPid = nav?.pid ?? busiestRenderer(events, names);
  const ms = (ts) => ((ts - t0) / 1000).toFixed(0).padStart(6);
  const lines = [];
  const requests = new Map();
  for (const e of events) {
    const d = e.args?.data;
    if (d?.requestId === undefined) continue;
    const r = requests.get(d.requestId) ?? {};
    if (e.name === "ResourceSendRequest") Object.assign(r, { url: d.url, sent: e.ts });
    if (e.name === "ResourceReceiveResponse") r.response = e.ts;
    if (e.name === "ResourceFinish") Object.assign(r, { finished: e.ts, bytes: d.encodedDataLength });
    if (e.name === "ResourceReceivedData") {
      // Each megabyte received (for big responses: how fast the body arrives).
      const before = r.received ?? 0;
      r.received = before + (d.encodedDataLength ?? 0);
      if (Math.floor(r.received / 2 ** 20) > Math.floor(before / 2 ** 20)) (r.mb ??= []).push(e.ts);
    }
    requests.set(d.requestId, r);
  }
  for (const r of requests.values()) {
    if (r.url === undefined || r.sent < t0 || !r.url.startsWith("http")) continue;
    const name = r.url.replace(/^https?:\/\/[^/]+/, "").slice(0, 70);
    const kb = r.bytes || r.received;
    lines.push([r.sent, `${ms(r.sent)}  net   ${name}  first byte ${r.response ? ms(r.response) : "-"}  done ${r.finished ? ms(r.finished) : "-"}  ${kb ? `${(kb / 1024).toFixed(0)} KB` : ""}`]);
    (r.mb ?? []).forEach((ts, i) => lines.push([ts, `${ms(ts)}  net   ${name.slice(-30)}: ${i + 1} MB received`]));
  }
  for (const e of events) {
    if (e.cat?.includes("blink.user_timing") && !/^(dom|load|response|fetch|unload|commit)/.test(e.name) && (e.ph === "R" || e.ph === "I" || e.ph === "i" || e.ph === "n") && e.ts >= t0 && e.name !== "navigationStart") {
      lines.push([e.ts, `${ms(e.ts)}  mark  ${names.get(`${e.pid}:${e.tid}`) ?? e.tid}: ${e.name}`]);
    }
  }
  // Outermost tasks only (RunTask and ThreadControllerImpl::RunTask nest).
  const tasks = [];
  const lastEnd = new Map();
  for (const e of events
    .filter((x) => x.ph === "X" && (x.name === "RunTask" || x.name === "ThreadControllerImpl::RunTask") && x.pid === rendererPid && x.ts >= t0)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ts < (lastEnd.get(key) ?? 0)) continue;
    lastEnd.set(key, e.ts + e.dur);
    if (e.dur >= minTask * 1000) tasks.push(e);
  }
  for (const task of tasks) {
    const key = `${task.pid}:${task.tid}`;
    const end = task.ts + task.dur;
    const parts = new Map();
    for (const e of events) {
      if (e.ph !== "X" || `${e.pid}:${e.tid}` !== key || e.ts < task.ts || e.ts + (e.dur ?? 0) > end || e === task) continue;
      if (!["FunctionCall", "EvaluateScript", "v8.compile", "v8.compileModule", "ParseHTML", "Layout", "UpdateLayoutTree", "Paint", "MinorGC", "MajorGC", "V8.GC_SCAVENGER", "FireAnimationFrame", "EventDispatch", "TimerFire", "HandlePostMessage", "v8.evaluateModule", "RunMicrotasks", "PrePaint", "Commit"].includes(e.name)) continue;
      const label = e.name === "FunctionCall" ? `fn ${e.args?.data?.functionName || "?"}@${(e.args?.data?.url ?? "").split("/").pop()}` : e.name;
      parts.set(label, (parts.get(label) ?? 0) + e.dur);
    }
    const top = [...parts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(", ");
    lines.push([task.ts, `${ms(task.ts)}  task  ${(names.get(key) ?? task.tid).slice(0, 22).padEnd(22)} ${(task.dur / 1000).toFixed(0).padStart(5)} ms  ${top}`]);
    // With --cpu: the page's CPU profile samples inside this task (main thread only).
    if (cpu !== undefined && names.get(key) === "CrRendererMain") {
      const inTask = cpuInWindow(cpu, task.ts, end);
      if (inTask !== "") lines.push([task.ts + 0.5, inTask]);
    }
  }
  return lines.sort((a, b) => a[0] - b[0]).map((l) => l[1]).join("\n");
}

/**
 * The functions a CPU profile spent time in between two trace timestamps (µs; the profile's
 * sample times are on the same clock): self time, and inclusive time of the app's own functions
 * (files other than vendor/connect), to tell which component a long task belongs to.
 */
function cpuInWindow(profile, from, to) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n) => `${n.callFrame.functionName || "(anon)"}@${(n.callFrame.url || "").split("/").pop()}:${n.callFrame.lineNumber + 1}`;
  const self = new Map();
  const app = new Map();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (t < from || t > to) return;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    const k = key(node);
    if (!k.startsWith("(idle)") && !k.startsWith("(program)")) self.set(k, (self.get(k) ?? 0) + dt);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      const url = n.callFrame.url || "";
      if (!/\/assets\//.test(url) || /\/(vendor|connect)-/.test(url)) continue;
      const ak = key(n);
      if (seen.has(ak)) continue;
      seen.add(ak);
      app.set(ak, (app.get(ak) ?? 0) + dt);
    }
  });
  const top = (m, n) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .filter(([, v]) => v >= 1)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(", ");
  const a = top(self, 6);
  const b = top(app, 8);
  return a === "" && b === "" ? "" : `            self: ${a}\n            app (incl.): ${b}`;
}

const server = await startSandbox({ port, staticDir, args: benchSandboxArgs() });
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
    // --trace: also a Chrome trace of the scroll, its tasks of at least --min-task ms listed with
    // the functions they ran in (which code a long task of the scroll belongs to).
    const traced = args.includes("--trace");
    await cdp.send("Profiler.start");
    if (traced) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const since = await nowInPage(page);
    const scroll = await scriptedScroll(page, ".threads-table__scroll", { step: 400, toPx: (rows - 40) * 40 });
    const trace = traced ? JSON.parse((await browser.stopTracing()).toString("utf8")) : undefined;
    profile = (await cdp.send("Profiler.stop")).profile;
    const tasks = await longTasksSince(page, since);
    console.log(`scroll: ${scroll.frames.length} frames; long tasks: ${tasks.length}, longest ${Math.max(0, ...tasks).toFixed(0)} ms`);
    if (trace !== undefined) {
      const out = path.join(root, "bench/results/history-scroll-trace.json");
      writeFileSync(out, JSON.stringify(trace));
      console.log(`trace: ${out}`);
      console.log(traceTimeline(trace, Number(opt("--min-task", "30")), profile));
    }
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
  } else if (scenario === "tree-expand") {
    // Node 1 of a depth-2 fanout (--rows 1000000: 1,000 children under each of 1,000 top-level
    // nodes, all open by default) collapsed, then the profile of the click that expands it.
    const id = await createThread(server.url, "fanout", { steps: rows, depth: 2 });
    await waitTerminal(server.url, id, 600_000);
    await page.goto(`${server.url}/threads/${id}`);
    await page.waitForSelector('[role="treeitem"]', { timeout: 60_000 });
    await sleep(4000); // the whole tree loaded
    const inp = await expandNode(page, {
      before: () => cdp.send("Profiler.start"),
      after: async () => {
        profile = (await cdp.send("Profiler.stop")).profile;
      },
    });
    console.log(`tree expand: next paint after the click ${inp} ms (16 when under Event Timing's threshold)`);
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
  } else if (scenario === "tree-trace" || scenario === "history-trace") {
    // A Chrome performance trace of opening the thread (page and worker threads, network), after
    // one warm-up open (the sandbox caches a big tree's encoded meta, as the bench's later runs see).
    // history-trace: the same for /threads (100,000 seeded threads) until its first rows.
    let url = `${server.url}/threads`;
    let selector = '[role="row"][data-thread-id]';
    if (scenario === "tree-trace") {
      const id = await createThread(server.url, "fanout", { steps: rows });
      await waitTerminal(server.url, id);
      url = deepLink === undefined ? `${server.url}/threads/${id}` : `${server.url}/threads/${id}/steps/${encodeURIComponent(deepLink)}`;
      selector = deepLink === undefined ? '[role="treeitem"]' : `[role="treeitem"][data-path="${deepLink}"][aria-selected="true"]`;
    }
    for (let i = 0; i < Number(opt("--warm", "1")); i++) {
      await page.goto(url);
      await page.waitForSelector(selector, { timeout: 120_000 });
      await page.goto("about:blank");
    }
    const traced = await newProbedPage(browser, { tree: selector });
    const withCpu = args.includes("--cpu");
    if (withCpu) {
      await traced.cdp.send("Profiler.enable");
      await traced.cdp.send("Profiler.setSamplingInterval", { interval: 100 });
      await traced.cdp.send("Profiler.start");
    }
    await browser.startTracing(traced.page, { categories: TRACE_CATEGORIES });
    await traced.page.goto(url);
    // Polled with CDP, not waitPainted (page.waitForFunction): Playwright's injected script would
    // be evaluated in the page in the middle of the load (a 30–80 ms task in the trace).
    let painted;
    for (const until = Date.now() + 120_000; painted === undefined && Date.now() < until; await sleep(50)) {
      const { result } = await traced.cdp.send("Runtime.evaluate", { expression: "window.__bench?.painted?.tree ?? null", returnByValue: true });
      if (typeof result.value === "number") painted = result.value;
    }
    if (painted === undefined) throw new Error("the first rows were not painted within 120 s");
    await sleep(Number(opt("--after", "1500")));
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8"));
    const cpu = withCpu ? (await traced.cdp.send("Profiler.stop")).profile : undefined;
    const tasks = await longTasksSince(traced.page, 0, painted + 1500);
    mkdirSync(path.join(root, "bench/results"), { recursive: true });
    const out = path.join(root, `bench/results/${scenario}.json`);
    writeFileSync(out, JSON.stringify(trace));
    console.log(`first rows painted at ${painted.toFixed(0)} ms; long tasks (page) ${tasks.map((t) => t.toFixed(0)).join(", ") || "none"}`);
    console.log(traceTimeline(trace, Number(opt("--min-task", "8")), cpu));
    if (cpu !== undefined) writeFileSync(path.join(root, `bench/results/${scenario}.cpuprofile`), JSON.stringify(cpu));
    console.log(`wrote ${path.relative(process.cwd(), out)} (open it in Chrome DevTools → Performance)`);
    await traced.close();
  } else {
    throw new Error("scenario: history-scroll | history-trace | live | tree-load | tree-scroll | tree-trace");
  }
  if (profile !== undefined) {
    mkdirSync(path.join(root, "bench/results"), { recursive: true });
    const out = path.join(root, `bench/results/${scenario}.cpuprofile`);
    writeFileSync(out, JSON.stringify(profile));
    console.log(summarize(profile));
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  }
  await probe.close();
} finally {
  await browser.close();
  await server.stop();
}
