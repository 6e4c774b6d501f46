// `npm test`: every check, in order, stopping at the first failure. Installs what it needs first
// (dependencies, and a Chromium for Playwright). Closing line: "steps: N passed, N failed".
import { ensureChromium, ensureInstalled, root, run } from "./lib.mjs";

ensureInstalled();

const steps = [
  ["generated code matches buf generate", "node", ["scripts/check-generated.mjs"]],
  ["buf lint", "npx", ["buf", "lint", "proto"]],
  ["typecheck (app)", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]],
  ["typecheck (server)", "npx", ["tsc", "-p", "server/tsconfig.json", "--noEmit"]],
  ["lint", "npx", ["eslint", ".", "--max-warnings", "0"]],
  ["unit and integration tests (vitest)", "npx", ["vitest", "run"]],
  ["build", "npx", ["vite", "build", "--logLevel", "warn"]],
  ["entry-size budget (bench --quick size)", "node", ["bench/size.mjs"]],
  ["browser tests (Playwright, Chromium)", "npx", ["playwright", "test"], () => ensureChromium()],
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const [name, command, args, before] of steps) {
  if (only.length > 0 && !only.some((word) => name.includes(word))) continue;
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
    console.log(`✗ ${name} failed (exit ${status}, ${seconds} s)`);
    break;
  }
}
console.log(`\nsteps: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
