// Budget 1 (entry size): every script /threads loads until the network is idle, each gzipped
// (level 9) as a server would send it.
import { gzipSync } from "node:zlib";

export const ENTRY_BUDGET_KB = 180;

export async function measureEntrySize(browser, baseUrl) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const scripts = [];
    page.on("response", (response) => {
      const type = response.request().resourceType();
      if (type === "script" || response.url().endsWith(".js")) {
        scripts.push(response.body().then((body) => ({ url: response.url(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length })));
      }
    });
    await page.goto(`${baseUrl}/threads`, { waitUntil: "networkidle" });
    const files = await Promise.all(scripts);
    // No script at all is not "0 KB, within budget": the page did not load the app (no build?).
    if (files.length === 0) throw new Error(`/threads loaded no script from ${baseUrl}: is the app built (npx vite build)?`);
    return {
      gzipKb: files.reduce((sum, f) => sum + f.gzip, 0) / 1024,
      rawKb: files.reduce((sum, f) => sum + f.raw, 0) / 1024,
      files: files.map((f) => ({ file: new URL(f.url).pathname, rawBytes: f.raw, gzipBytes: f.gzip })),
    };
  } finally {
    await context.close();
  }
}

export async function sizeScenario({ browser, server, runs, log }) {
  const samples = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = await measureEntrySize(browser, server.url);
    samples.push(last.gzipKb);
  }
  for (const f of last.files) log(`    ${f.file}  ${(f.gzipBytes / 1024).toFixed(1)} KB gzip`);
  return [{ name: "entry size /threads (JS, gzip)", unit: "KB", budget: ENTRY_BUDGET_KB, cmp: "<=", samples }];
}
