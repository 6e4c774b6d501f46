// Budgets 3 and 6b: the step tree of big `fanout` threads on /threads/:id.
// fanout's nested shape (server/sandbox/scripts/fanoutTree.ts): the first N nodes, in pre-order,
// of a full tree of `depth` levels whose branching b is the smallest with b + b² + … + b^depth ≥ N
// (so at most 1,000 children a node); its "wide" shape: step 1 with the N-1 others as children,
// which makes the 10,000-children node ({"steps": 10001, "shape": "wide"}).
import { createThread, waitTerminal } from "../lib/rpc.mjs";
import { heapMb, interactionSince, longTasksSince, newProbedPage, nowInPage, scriptedScroll, sleep, waitPainted } from "../lib/probes.mjs";
import { p95 } from "../lib/stats.mjs";

const ITEM = '[role="treeitem"]';
/** The 10,000-children node: fanout {"steps": 10001, "shape": "wide"}. */
const WIDE_CHILDREN = 10_000;
const TREE = '[role="tree"]';

/** Opens the thread page; resolves false when no step tree shows up (not mounted). */
async function openTree(page, url, timeout) {
  await page.goto(url);
  try {
    await page.waitForSelector(ITEM, { timeout });
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the thread page and resolves with the time its watched `name` was painted (probes), or
 * undefined after `timeout`. Polls with CDP Runtime.evaluate, not page.waitForSelector /
 * waitForFunction: those make Playwright evaluate its injected script in the page, a 30–80 ms
 * task on the page's main thread in the middle of the load that the long-task figure counted.
 */
async function openAndWaitPainted(page, cdp, url, name, timeout) {
  await page.goto(url);
  const until = Date.now() + timeout;
  const expression = `window.__bench?.painted?.[${JSON.stringify(name)}] ?? null`;
  while (Date.now() < until) {
    const { result } = await cdp.send("Runtime.evaluate", { expression, returnByValue: true });
    if (typeof result.value === "number") return result.value;
    await sleep(50);
  }
  return undefined;
}

export function branching(n, depth) {
  if (depth <= 1) return n;
  let b = 1;
  const total = (x) => {
    let sum = 0;
    let p = 1;
    for (let l = 1; l <= depth; l++) sum += p *= x;
    return sum;
  };
  while (total(b) < n) b++;
  return b;
}

/** fanoutTree.ts's pathOf: the path of the node at a pre-order index (depth ≥ 2). */
export function fanoutPath(n, depth, index) {
  const b = branching(n, depth);
  const sizes = [];
  for (let l = 0; l < depth; l++) {
    let size = 0;
    for (let j = 0, p = 1; j <= depth - 1 - l; j++, p *= b) size += p;
    sizes.push(size);
  }
  const out = [];
  let r = index;
  for (let level = 0; level < depth; level++) {
    const p = Math.floor(r / sizes[level]);
    out.push(level === 0 ? p + 1 : p);
    r -= p * sizes[level];
    if (r === 0) break;
    r -= 1;
  }
  return out.join(".");
}

/**
 * Collapses node "1" if open, then clicks its toggle: Event Timing duration of that click.
 * `around.before` / `around.after` run just before the click and once its paint settled (a profiler).
 */
export async function expandNode(page, around = {}) {
  const node = page.locator(`${ITEM}[data-path="1"]`);
  await page.evaluate((sel) => (document.querySelector(sel).scrollTop = 0), TREE);
  await node.waitFor({ timeout: 60_000 });
  await sleep(500);
  const toggle = node.locator(".step-row__toggle");
  if ((await node.getAttribute("aria-expanded")) === "true") {
    await toggle.click();
    await page.waitForSelector(`${ITEM}[data-path="1"][aria-expanded="false"]`);
    await sleep(500);
  }
  await around.before?.();
  const since = await nowInPage(page);
  await toggle.click();
  await page.waitForSelector(`${ITEM}[data-path="1"][aria-expanded="true"]`, { timeout: 10_000 });
  await sleep(500);
  await around.after?.();
  return (await interactionSince(page, since)) ?? 16;
}

export async function stepsScenario({ browser, server, runs, quick, log }) {
  const nMain = quick ? 10_000 : 100_000;
  const nBig = quick ? 10_000 : 1_000_000;
  const wide = quick ? branching(nMain, 3) : branching(nBig, 2);
  const ids = {
    main: await createThread(server.url, "fanout", { steps: nMain }),
    wide: quick ? undefined : await createThread(server.url, "fanout", { steps: nBig, depth: 2 }),
    wide10k: await createThread(server.url, "fanout", { steps: WIDE_CHILDREN + 1, shape: "wide" }),
    deep: await createThread(server.url, "fanout", { steps: nBig }),
  };
  await waitTerminal(server.url, ids.main);
  if (ids.wide !== undefined) await waitTerminal(server.url, ids.wide);
  await waitTerminal(server.url, ids.wide10k);
  const deepThread = await waitTerminal(server.url, ids.deep);
  // The last step, or when that is a childless top-level node (a truncated full tree), the
  // deepest step just before it: the deep link should reach into a collapsed branch.
  let lastPath = deepThread.currentStepPath;
  if (!lastPath.includes(".")) lastPath = fanoutPath(nBig, 3, nBig - 2);
  const k = (n) => n.toLocaleString("en-US");
  const names = {
    first: `step tree ${k(nMain)}: first rows painted after opening`,
    long: `step tree ${k(nMain)}: longest task while loading`,
    scroll: `step tree ${k(nMain)}: scroll frame interval p95`,
    heap: `step tree ${k(nMain)}: JS heap (page, after GC)`,
    select: `interaction: select a step in the ${k(nMain)} tree → next paint`,
    expand: `step tree: expand a node with ${k(wide)} children (${quick ? `${k(nMain)} steps, depth 3` : `${k(nBig)} steps, depth 2`}) → next paint`,
    expand10k: `step tree: expand a node with ${k(WIDE_CHILDREN)} children (fanout ${k(WIDE_CHILDREN + 1)} steps, shape wide) → next paint`,
    deep: `step tree ${k(nBig)}: deep link to its last leaf ${lastPath} shows it selected`,
    deepMs: `step tree ${k(nBig)}: deep link → that step selected and painted`,
  };
  const s = { first: [], long: [], scroll: [], heap: [], select: [], expand: [], expand10k: [], deep: [], deepMs: [] };
  for (let i = 0; i < runs; i++) {
    // Load, long tasks, heap, scroll, select on the main thread.
    let probe = await newProbedPage(browser, { tree: ITEM });
    try {
      const { page, cdp } = probe;
      const painted = await openAndWaitPainted(page, cdp, `${server.url}/threads/${ids.main}`, "tree", quick ? 15_000 : 30_000);
      if (painted === undefined) {
        const reason = "the step tree is not mounted on /threads/:id (no role=treeitem on the thread page)";
        return Object.values(names).map((name) => ({ name, unit: "", budget: null, unmeasured: reason }));
      }
      s.first.push(painted);
      const settle = quick ? 1000 : 2000;
      await sleep(settle);
      const tasks = await longTasksSince(page, 0, painted + settle);
      s.long.push(tasks.length === 0 ? 0 : Math.max(...tasks));
      // Which tasks (start ms after navigation, duration): to tell script evaluation at load from
      // the tree's own work without a profile (`bench/profile.mjs tree-trace --cpu` says what).
      const when = await page.evaluate(
        ([u]) => window.__bench.longtasks.filter((t) => t.start < u && t.duration >= 50).map((t) => `${t.duration.toFixed(0)} ms at ${t.start.toFixed(0)}`),
        [painted + settle],
      );
      log(`    run ${i + 1}: first rows ${painted.toFixed(0)} ms; tasks ≥ 50 ms while loading: ${when.join(", ") || "none"}`);
      s.heap.push(await heapMb(cdp));
      const scroll = await scriptedScroll(page, TREE, { step: 400, maxMs: quick ? 4_000 : 45_000 });
      s.scroll.push(p95(scroll.frames));
      if (i === 0) log(`    scrolled ${k(Math.round(scroll.scrolledPx))} of ${k(Math.round(scroll.targetPx))} px of the tree in ${scroll.frames.length} frames${scroll.capped ? " (time cap)" : ""}`);
      await page.evaluate((sel) => (document.querySelector(sel).scrollTop = 0), TREE);
      await sleep(600);
      const target = page.locator(ITEM).nth(3 + i);
      const since = await nowInPage(page);
      await target.click();
      await page.waitForFunction(
        ([sel, n]) => document.querySelectorAll(sel)[n]?.getAttribute("aria-selected") === "true",
        [ITEM, 3 + i],
        { timeout: 10_000 },
      );
      await sleep(600);
      s.select.push((await interactionSince(page, since)) ?? 16);
      if (quick) s.expand.push(await expandNode(page));
    } finally {
      await probe.close();
    }
    // Expanding the widest node fanout can make (top level is expanded by default: collapse first).
    // --quick does it on the main tree's node 1 instead of opening another thread.
    if (!quick) {
      probe = await newProbedPage(browser, { tree: ITEM });
      try {
        await openTree(probe.page, `${server.url}/threads/${ids.wide}`, 60_000);
        s.expand.push(await expandNode(probe.page));
      } finally {
        await probe.close();
      }
    }
    // Expanding the 10,000 children of the wide fanout's node 1.
    probe = await newProbedPage(browser, { tree: ITEM });
    try {
      await openTree(probe.page, `${server.url}/threads/${ids.wide10k}`, 60_000);
      s.expand10k.push(await expandNode(probe.page));
    } finally {
      await probe.close();
    }
    // Deep link to the last step of the 1,000,000-step thread.
    const sel = `${ITEM}[data-path="${lastPath}"][aria-selected="true"]`;
    probe = await newProbedPage(browser, { selected: sel });
    try {
      const { page } = probe;
      await page.goto(`${server.url}/threads/${ids.deep}/steps/${encodeURIComponent(lastPath)}`);
      try {
        s.deepMs.push(await waitPainted(page, "selected", 60_000));
        s.deep.push(1);
      } catch {
        s.deep.push(0);
      }
    } finally {
      await probe.close();
    }
  }
  return [
    { name: names.first, unit: "ms", budget: 1500, cmp: "<=", samples: s.first },
    { name: names.long, unit: "ms", budget: 100, cmp: "<=", samples: s.long },
    { name: names.scroll, unit: "ms", budget: 16.7, cmp: "<=", samples: s.scroll },
    { name: names.heap, unit: "MB", budget: 250, cmp: "<=", samples: s.heap, note: "main thread only; the tree worker's heap is not included" },
    { name: names.select, unit: "ms", budget: 200, cmp: "<=", samples: s.select },
    { name: names.expand, unit: "ms", budget: 200, cmp: "<=", samples: s.expand },
    { name: names.expand10k, unit: "ms", budget: 200, cmp: "<=", samples: s.expand10k },
    { name: names.deep, unit: "1 = yes", budget: 1, cmp: ">=", samples: s.deep, reduce: "min", note: "1 only when every run showed it selected within 60 s" },
    { name: names.deepMs, unit: "ms", budget: null, cmp: null, samples: s.deepMs },
  ];
}
