// `npm test`: every check, in order. Installs what it needs first (dependencies, and a Chromium for
// Playwright). A failed step does not hide the others' results, except that nothing that needs the
// build runs when the build failed. Closing line: "steps: N passed, N failed".
//
// The first five checks are single-threaded (tsc, ESLint, buf): they run two at a time, one a core
// on a 2-core machine, each one's output printed as a block when it ends. Vitest (2 workers of its
// own), the build and the browser steps run alone, one after the other.
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { ensureChromium, ensureInstalled, root, run } from "./lib.mjs";

ensureInstalled();

const PAIRED = "paired";
const steps = [
  // Longest first (measured: app typecheck ~30 s, ESLint ~28 s, server typecheck ~16 s, buf ~6 + 3 s).
  ["typecheck (app)", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"], undefined, PAIRED],
  ["lint", "npx", ["eslint", ".", "--max-warnings", "0"], undefined, PAIRED],
  ["typecheck (server)", "npx", ["tsc", "-p", "server/tsconfig.json", "--noEmit"], undefined, PAIRED],
  ["generated code matches buf generate", "node", ["scripts/check-generated.mjs"], undefined, PAIRED],
  ["buf lint", "npx", ["buf", "lint", "proto"], undefined, PAIRED],
  ["unit and integration tests (vitest)", "npx", ["vitest", "run"]],
  ["build", "npx", ["vite", "build", "--logLevel", "warn"], undefined, "build"],
  ["entry-size budget (bench size)", "node", ["bench/size.mjs"], () => ensureChromium(), "needs-build"],
  ["browser tests (Playwright, Chromium)", "npx", ["playwright", "test", "--grep-invert", "@alone"], () => ensureChromium(), "needs-build"],
  // Latency specs (a unary call within 1 s with 8 live tabs, Reconnecting within 2 s) run by
  // themselves: beside another worker's specs on 2 cores, CPU stalls of seconds failed them (10 of
  // 40 calls over 1 s in a CI run, none alone).
  ["browser tests run alone (Playwright: @alone latency specs)", "npx", ["playwright", "test", "--grep", "@alone", "--workers", "1"], () => ensureChromium(), "needs-build"],
];

const only = process.argv.slice(2);
const env = { ...process.env, TZ: "UTC" };
let passed = 0;
let failed = 0;
let buildFailed = false;
const failures = [];

function record(name, role, status, seconds) {
  if (status === 0) {
    passed += 1;
    console.log(`✓ ${name} (${seconds} s)`);
  } else {
    failed += 1;
    failures.push(name);
    if (role === "build") buildFailed = true;
    console.log(`✗ ${name} failed (exit ${status}, ${seconds} s)`);
  }
}

/** Runs one step with its output captured; resolves with the exit status and the output. */
function runCaptured(command, args) {
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => chunks.push(chunk));
    child.on("error", (error) => {
      chunks.push(Buffer.from(`${error.message}\n`));
    });
    child.on("close", (code) => resolve({ status: code ?? 1, output: Buffer.concat(chunks).toString() }));
  });
}

/** The paired steps, at most `width` at a time; each printed as one block, in the order they end. */
async function runPaired(group) {
  const width = Math.max(1, Math.min(2, availableParallelism()));
  const queue = [...group];
  const lane = async () => {
    for (let step = queue.shift(); step !== undefined; step = queue.shift()) {
      const [name, command, args, , role] = step;
      const started = Date.now();
      const { status, output } = await runCaptured(command, args);
      console.log(`\n▶ ${name}`);
      if (output !== "") process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
      record(name, role, status, ((Date.now() - started) / 1000).toFixed(1));
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
}

const selected = steps.filter(([name]) => only.length === 0 || only.some((word) => name.includes(word)));
await runPaired(selected.filter((step) => step[4] === PAIRED));
for (const [name, command, args, before, role] of selected.filter((step) => step[4] !== PAIRED)) {
  if (role === "needs-build" && buildFailed) {
    failed += 1;
    failures.push(`${name} (not run: the build failed)`);
    continue;
  }
  console.log(`\n▶ ${name}`);
  before?.();
  const started = Date.now();
  const status = run(command, args, { cwd: root, env });
  record(name, role, status, ((Date.now() - started) / 1000).toFixed(1));
}
if (failures.length > 0) console.log(`\nFailed: ${failures.join("; ")}`);
console.log(`\nsteps: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
