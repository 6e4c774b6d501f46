// Shared by the commands (npm start, npm test, npm run bench): install what is missing, find a
// browser, build when stale, run a node child.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function must(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n✗ ${command} ${args.join(" ")} exited with ${status}`);
    process.exit(status);
  }
}

/**
 * Install when node_modules is missing or older than the lockfile (or a native module was never
 * built). `npm install`, not `npm ci`: npm 11 on these machines writes lockfiles without the other
 * platforms' optional packages (rollup, esbuild), which `npm ci` then refuses as out of sync.
 */
export function ensureInstalled() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  const sqlite = path.join(root, "node_modules", "better-sqlite3", "build", "Release", "better_sqlite3.node");
  const fresh =
    existsSync(marker) && existsSync(sqlite) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
  if (fresh) return;
  console.log("Installing dependencies (npm install)…");
  must("npm", ["install", "--no-audit", "--no-fund"]);
}

/** The browser Playwright drives: Debian's Chromium, else Playwright's own; installs Debian's if neither. */
export function ensureChromium() {
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  const own = run("node", ["-e", "const p=require('playwright-core').chromium.executablePath(); process.exit(require('fs').existsSync(p)?0:1)"], { stdio: "ignore" });
  if (own === 0) return "playwright";
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("Installing Chromium for the browser tests (apt-get install chromium)…");
    must("apt-get", ["update", "-qq"]);
    must("apt-get", ["install", "-y", "-qq", "chromium"], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    return "/usr/bin/chromium";
  }
  console.error("No Chromium found. Install Debian's `chromium` package, or run `npx playwright install chromium`.");
  process.exit(1);
}

/** Rebuild dist/ when any source of the app is newer than the last build. */
export function distIsStale() {
  const built = path.join(root, "dist", "index.html");
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const newest = newestMtime([path.join(root, "src"), path.join(root, "public"), path.join(root, "index.html"), path.join(root, "vite.config.ts"), path.join(root, "package-lock.json")]);
  return newest > builtAt;
}

function newestMtime(entries) {
  let newest = 0;
  const stack = [...entries];
  while (stack.length > 0) {
    const entry = stack.pop();
    if (!existsSync(entry)) continue;
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      for (const name of readdirSync(entry)) stack.push(path.join(entry, name));
    } else if (stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
    }
  }
  return newest;
}


/** `vite build` when the app's sources are newer than dist/. */
export function buildIfStale() {
  if (!distIsStale()) return;
  console.log("Building the console (vite build)…");
  must("npx", ["vite", "build", "--logLevel", "warn"]);
}

/** Runs `node …args` in the foreground: Ctrl-C and SIGTERM reach it, and its exit code is ours. */
export function runNodeForeground(args) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
