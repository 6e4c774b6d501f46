// `npm start`: install what is missing, build the app when its sources changed, then serve the
// console with the embedded sandbox Scriptum. Flags pass through: npm start -- --port 7400 --speed 5
import { ensureInstalled, distIsStale, must, root } from "./lib.mjs";
import { spawn } from "node:child_process";

ensureInstalled();
if (distIsStale()) {
  console.log("Building the console (vite build)…");
  must("npx", ["vite", "build", "--logLevel", "warn"]);
}
const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
