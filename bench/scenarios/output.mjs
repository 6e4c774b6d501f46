// Budget 5: a `big-export` output downloaded through the console, against a plain fetch() of the
// same number of bytes from a plain Node server on the same loopback, in the same browser and
// run. When the results panel is on the thread page, its "Download full output" button is
// clicked with showSaveFilePicker stubbed by a sink that counts and drops the bytes (so the
// figure is the console's own download path, without the disk); otherwise the same Connect
// StreamThreadResult the console uses is read in the page. Heap growth is the peak of
// JSHeapUsedSize (sampled every 200 ms, no GC) minus the heap just before the download.
import { spawn } from "node:child_process";
import path from "node:path";
import { createThread, waitTerminal } from "../lib/rpc.mjs";
import { root } from "../lib/server.mjs";
import { heapMb, newProbedPage, sleep } from "../lib/probes.mjs";

function stubSavePicker() {
  const sink = { bytes: 0, closedAt: 0, openedAt: 0 };
  window.__sink = sink;
  window.showSaveFilePicker = async () => ({
    createWritable: async () => {
      sink.openedAt = performance.now();
      return {
        write: async (data) => {
          sink.bytes += data?.byteLength ?? data?.size ?? data?.length ?? 0;
        },
        close: async () => {
          sink.closedAt = performance.now();
        },
        abort: async () => {},
      };
    },
  });
}

/** Reads StreamThreadResult (Connect, binary) in the page; returns bytes of envelopes and ms. */
function connectStreamInPage(page, threadId) {
  return page.evaluate(async (id) => {
    const idBytes = new TextEncoder().encode(id);
    const msg = new Uint8Array([0x0a, idBytes.length, ...idBytes]);
    const body = new Uint8Array(5 + msg.length);
    new DataView(body.buffer).setUint32(1, msg.length);
    body.set(msg, 5);
    const t0 = performance.now();
    const response = await fetch("/dodil.scriptum.v1.ScriptumService/StreamThreadResult", {
      method: "POST",
      headers: { "content-type": "application/connect+proto", "connect-protocol-version": "1" },
      body,
    });
    const reader = response.body.getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
    return { bytes, ms: performance.now() - t0 };
  }, threadId);
}

function rawFetchInPage(page, bytes) {
  return page.evaluate(async (n) => {
    const t0 = performance.now();
    const response = await fetch(`/payload?bytes=${n}`, { cache: "no-store" });
    const reader = response.body.getReader();
    let got = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      got += value.byteLength;
    }
    return { bytes: got, ms: performance.now() - t0 };
  }, bytes);
}

async function startRaw(port) {
  const child = spawn(process.execPath, [path.join(root, "bench/lib/rawServer.mjs"), String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    child.stdout.once("data", resolve);
    child.once("exit", (code) => reject(new Error(`raw server exited ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Samples the heap (no GC) every 200 ms until `promise` settles; returns [result, peak MB]. */
async function withHeapPeak(cdp, promise) {
  let peak = 0;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      peak = Math.max(peak, await heapMb(cdp, { gc: false }));
      await sleep(200);
    }
  })();
  try {
    return [await promise, peak];
  } finally {
    done = true;
    await sampler;
    peak = Math.max(peak, await heapMb(cdp, { gc: false }));
  }
}

export async function outputScenario({ browser, server, runs, quick, rawPort, log }) {
  const mb = quick ? 20 : 500;
  const id = await createThread(server.url, "big-export", { mb });
  const thread = await waitTerminal(server.url, id, 600_000);
  void thread;
  const raw = await startRaw(rawPort);
  const s = { heap: [], ratio: [], consoleMbps: [], rawMbps: [], connectMbps: [], overhead: [] };
  let via = "";
  let mounted; // decided on the first run
  try {
    for (let i = 0; i < runs; i++) {
      const probe = await newProbedPage(browser, {}, { fn: stubSavePicker });
      let consoleRun;
      let growth;
      try {
        const { page, cdp } = probe;
        await page.goto(`${server.url}/threads/${id}`);
        const button = page.getByRole("button", { name: "Download full output" });
        if (mounted === undefined) {
          mounted = await button.waitFor({ timeout: 15_000 }).then(() => true, () => false);
        } else if (mounted) {
          await button.waitFor({ timeout: 30_000 });
        }
        await sleep(quick ? 200 : 500);
        const before = await heapMb(cdp);
        if (mounted) {
          via = "console download button, sink stubbed";
          const t0 = await page.evaluate(() => performance.now());
          const run = (async () => {
            await button.click();
            await page.waitForFunction(() => window.__sink.closedAt > 0, null, { timeout: 600_000, polling: 100 });
            return page.evaluate((t) => ({ bytes: window.__sink.bytes, ms: window.__sink.closedAt - t }), t0);
          })();
          const [r, peak] = await withHeapPeak(cdp, run);
          consoleRun = r;
          growth = peak - before;
        } else {
          via = "Connect StreamThreadResult read in page (results panel not mounted)";
          const [r, peak] = await withHeapPeak(cdp, connectStreamInPage(page, id));
          consoleRun = r;
          growth = peak - before;
        }
        // The same stream read by a bare loop in the same page: what the console adds on top.
        if (mounted) {
          await sleep(300);
          const bare = await connectStreamInPage(page, id);
          const bareMbps = bare.bytes / 1048576 / (bare.ms / 1000);
          s.connectMbps.push(bareMbps);
          s.overhead.push(consoleRun.bytes / 1048576 / (consoleRun.ms / 1000) / bareMbps);
        }
      } finally {
        await probe.close();
      }
      const rawProbe = await newProbedPage(browser);
      let rawRun;
      try {
        await rawProbe.page.goto(raw.url);
        rawRun = await rawFetchInPage(rawProbe.page, consoleRun.bytes);
      } finally {
        await rawProbe.close();
      }
      const cMbps = consoleRun.bytes / 1048576 / (consoleRun.ms / 1000);
      const rMbps = rawRun.bytes / 1048576 / (rawRun.ms / 1000);
      s.heap.push(growth);
      s.consoleMbps.push(cMbps);
      s.rawMbps.push(rMbps);
      s.ratio.push(cMbps / rMbps);
      log(`    run ${i + 1}: console ${(consoleRun.bytes / 1048576).toFixed(0)} MiB in ${(consoleRun.ms / 1000).toFixed(2)} s, raw in ${(rawRun.ms / 1000).toFixed(2)} s, heap +${growth.toFixed(1)} MB`);
    }
  } finally {
    await raw.stop();
  }
  return [
    { name: `big output ${mb} MB: JS heap growth during the download`, unit: "MB", budget: 64, cmp: "<=", samples: s.heap, note: via },
    { name: `big output ${mb} MB: throughput / plain fetch`, unit: "×", budget: 0.5, cmp: ">=", samples: s.ratio, note: via },
    { name: `big output ${mb} MB: console throughput`, unit: "MiB/s", budget: null, cmp: null, samples: s.consoleMbps },
    { name: `big output ${mb} MB: plain fetch throughput`, unit: "MiB/s", budget: null, cmp: null, samples: s.rawMbps, note: "plain Node server sending a reused buffer: no generation cost" },
    { name: `big output ${mb} MB: bare Connect StreamThreadResult read in page`, unit: "MiB/s", budget: null, cmp: null, samples: s.connectMbps, note: "the sandbox generating the bytes + Connect framing, no console code" },
    { name: `big output ${mb} MB: console / bare Connect read`, unit: "×", budget: null, cmp: null, samples: s.overhead, note: "what the console's download path costs on top of the stream itself" },
  ];
}
