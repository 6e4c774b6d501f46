// Budget 1 (entry size): the JavaScript a browser loads for /threads before any interaction,
// gzip-compressed, must stay within 180 KB. Measured in real Chromium against the built app:
// every script response until the network is idle, each gzipped (level 9) as a server would send it.
// Run alone: `node bench/size.mjs` (needs `npx vite build` first; BENCH_STATIC_DIR=dir for
// another build). Writes bench/results/size.json. `npm run bench` runs it too (scenarios/size.mjs).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { launchChromium } from "./lib/browser.mjs";
import { root, startSandbox } from "./lib/server.mjs";
import { ENTRY_BUDGET_KB as budgetKb, measureEntrySize } from "./scenarios/size.mjs";

const server = await startSandbox({ port: 7391, args: ["--memory", "--seed-threads", "300"] });
const browser = await launchChromium();
try {
  const { gzipKb, rawKb, files } = await measureEntrySize(browser, server.url);
  const result = {
    name: "entry-size /threads (gzip)",
    value: Number(gzipKb.toFixed(1)),
    unit: "KB",
    budget: budgetKb,
    pass: gzipKb <= budgetKb,
    files,
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
