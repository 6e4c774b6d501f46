// `npm run bench`: install what is missing, find Chromium, build the console when its sources
// changed (unless --static-dir or BENCH_STATIC_DIR names another build), then run the suite.
// Flags pass through: npm run bench -- --quick, npm run bench -- --only history --runs 5
import { spawn } from "node:child_process";
import { distIsStale, ensureChromium, ensureInstalled, must, root } from "./lib.mjs";

const args = process.argv.slice(2);
ensureInstalled();
ensureChromium();
const ownBuild = args.some((a) => a.startsWith("--static-dir")) || Boolean(process.env.BENCH_STATIC_DIR);
if (!ownBuild && distIsStale()) {
  console.log("Building the console (vite build)…");
  must("npx", ["vite", "build", "--logLevel", "warn"]);
}
const child = spawn(process.execPath, ["bench/run.mjs", ...args], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
