// `npm run bench`: install what is missing, find Chromium, build the console when its sources
// changed (unless --static-dir or BENCH_STATIC_DIR names another build), then run the suite.
// Flags pass through: npm run bench -- --quick, npm run bench -- --only history --runs 5
import { buildIfStale, ensureChromium, ensureInstalled, runNodeForeground } from "./lib.mjs";

const args = process.argv.slice(2);
ensureInstalled();
ensureChromium();
const ownBuild = args.some((a) => a.startsWith("--static-dir")) || Boolean(process.env.BENCH_STATIC_DIR);
if (!ownBuild) buildIfStale();
runNodeForeground(["bench/run.mjs", ...args]);
