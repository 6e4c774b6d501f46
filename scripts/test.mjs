// `npm test`: every check, in order. Installs what it needs first (dependencies, and a Chromium for
// Playwright). A failed step does not hide the others' results, except that nothing that needs the
// build runs when the build failed. Closing line: "steps: N passed, N failed".
import { ensureChromium, ensureInstalled, root, run } from "./lib.mjs";

ensureInstalled();

const steps = [
  ["generated code matches buf generate", "node", ["scripts/check-generated.mjs"]],
  ["buf lint", "npx", ["buf", "lint", "proto"]],
  ["typecheck (app)", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]],
  ["typecheck (server)", "npx", ["tsc", "-p", "server/tsconfig.json", "--noEmit"]],
  ["lint", "npx", ["eslint", ".", "--max-warnings", "0"]],
  ["unit and integration tests (vitest)", "npx", ["vitest", "run"]],
  ["build", "npx", ["vite", "build", "--logLevel", "warn"], undefined, "build"],
  ["entry-size budget (bench size)", "node", ["bench/size.mjs"], () => ensureChromium(), "needs-build"],
  ["browser tests (Playwright, Chromium)", "npx", ["playwright", "test"], () => ensureChromium(), "needs-build"],
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let buildFailed = false;
const failures = [];
for (const [name, command, args, before, role] of steps) {
  if (only.length > 0 && !only.some((word) => name.includes(word))) continue;
  if (role === "needs-build" && buildFailed) {
    failed += 1;
    failures.push(`${name} (not run: the build failed)`);
    continue;
  }
  console.log(`\n▶ ${name}`);
  before?.();
  const started = Date.now();
  const status = run(command, args, { cwd: root, env: { ...process.env, TZ: "UTC" } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
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
if (failures.length > 0) console.log(`\nFailed: ${failures.join("; ")}`);
console.log(`\nsteps: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
