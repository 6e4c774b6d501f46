// Budget 1 (entry size): the JavaScript a browser loads for /threads before any interaction,
// gzip-compressed, must stay within 180 KB. Measured in real Chromium against the built app:
// every script response until the network is idle, each gzipped (level 9) as a server would send it.
// Run alone: `node bench/size.mjs` (needs `npx vite build` first). Writes bench/results/size.json.
import { gzipSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { launchChromium } from "./lib/browser.mjs";
import { root, startSandbox } from "./lib/server.mjs";

const budgetKb = 180;
const server = await startSandbox({ port: 7391, args: ["--memory", "--seed-threads", "300"] });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const scripts = [];
  page.on("response", async (response) => {
    const type = response.request().resourceType();
    if (type === "script" || response.url().endsWith(".js")) {
      scripts.push(response.body().then((body) => ({ url: response.url(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length })));
    }
  });
  await page.goto(`${server.url}/threads`, { waitUntil: "networkidle" });
  const files = await Promise.all(scripts);
  const gzipKb = files.reduce((sum, file) => sum + file.gzip, 0) / 1024;
  const rawKb = files.reduce((sum, file) => sum + file.raw, 0) / 1024;
  const result = {
    name: "entry-size /threads (gzip)",
    value: Number(gzipKb.toFixed(1)),
    unit: "KB",
    budget: budgetKb,
    pass: gzipKb <= budgetKb,
    files: files.map((file) => ({ file: new URL(file.url).pathname, rawBytes: file.raw, gzipBytes: file.gzip })),
  };
  mkdirSync(path.join(root, "bench/results"), { recursive: true });
  writeFileSync(path.join(root, "bench/results/size.json"), JSON.stringify([result], null, 2));
  for (const file of result.files) console.log(`  ${file.file}  ${(file.gzipBytes / 1024).toFixed(1)} KB gzip (${(file.rawBytes / 1024).toFixed(1)} KB raw)`);
  console.log(`entry-size /threads: ${result.value} KB gzip (${rawKb.toFixed(1)} KB raw), budget ${budgetKb} KB: ${result.pass ? "pass" : "OVER BUDGET"}`);
  process.exitCode = result.pass ? 0 : 1;
} finally {
  await browser.close();
  await server.stop();
}
