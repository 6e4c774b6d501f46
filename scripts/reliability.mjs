// `npm run test:reliability`: the reliability and security suite of issue 8 with the FULL counts
// (RELIABILITY_FULL=1): the node-side crash loop (Vitest, server/reliability) and the Playwright
// scenarios (e2e/reliability, each against its own sandbox with fault injection). Prints a table
// "scenario | trials | failures" and writes it as JSON to test-results/reliability.json.
// `node scripts/reliability.mjs --quick` runs the quick counts instead (what `npm test` runs).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import path from "node:path";
import { ensureChromium, ensureInstalled, root, run } from "./lib.mjs";

const quick = process.argv.includes("--quick");
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

ensureInstalled();
// Working files outside test-results/ (another Playwright run empties it when it starts).
const outDir = mkdtempSync(path.join(tmpdir(), "scriptum-reliability-"));
const rows = path.join(outDir, "reliability-rows.jsonl");
rmSync(rows, { force: true });
writeFileSync(rows, "");

// One build for the reliability servers, apart from dist/ (other runs rebuild it).
const staticDir = path.join(outDir, "reliability-dist");
const started = Date.now();
const browser = only.length === 0 || only.includes("browser");
if (browser) {
  const built = run("npx", ["vite", "build", "--logLevel", "warn", "--outDir", staticDir, "--emptyOutDir"], { cwd: root });
  if (built !== 0) process.exit(built);
}

const env = {
  ...process.env,
  TZ: "UTC",
  RELIABILITY_REPORT: rows,
  RELIABILITY_STATIC_DIR: staticDir,
  ...(quick ? {} : { RELIABILITY_FULL: "1" }),
  // The shared webServer of playwright.config.ts still starts: keep it off 7399.
  SCRIPTUM_E2E_PORT: String(await freePort()),
  SCRIPTUM_E2E_STATIC_DIR: staticDir,
};

const exits = [];
if (only.length === 0 || only.includes("node")) {
  exits.push(run("npx", ["vitest", "run", "--project", "server", "server/reliability"], { cwd: root, env }));
}
if (browser) {
  ensureChromium();
  // Own output directory: another Playwright run empties test-results/ when it starts.
  const output = path.join(outDir, "reliability-playwright");
  exits.push(run("npx", ["playwright", "test", "e2e/reliability", "--workers", "1", "--trace", "off", "--output", output], { cwd: root, env }));
}

const results = existsSync(rows)
  ? readFileSync(rows, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line))
  : [];
const width = Math.max(8, ...results.map((r) => r.scenario.length));
const line = (a, b, c, d = "") => `${a.padEnd(width)} | ${String(b).padStart(6)} | ${String(c).padStart(8)} | ${d}`;
console.log(`\nreliability (${quick ? "quick" : "full"} counts, ${Math.round((Date.now() - started) / 1000)} s)`);
console.log(line("scenario", "trials", "failures", "notes"));
console.log(`${"-".repeat(width)}-|--------|----------|------`);
for (const r of results) console.log(line(r.scenario, r.trials, r.failures, r.notes ?? ""));
mkdirSync(path.join(root, "test-results"), { recursive: true });
const table = path.join(root, "test-results", "reliability.json");
writeFileSync(table, `${JSON.stringify({ full: !quick, results, exits }, null, 2)}\n`);
console.log(`\n${table}`);
rmSync(staticDir, { recursive: true, force: true });
const status = exits.every((code) => code === 0) && results.every((r) => r.failures === 0) && results.length > 0 ? 0 : 1;
process.exit(status);
