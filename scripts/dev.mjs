// `npm run dev`: the sandbox on :7330 and Vite with hot reload on :5173, proxying API calls to it.
import { ensureInstalled, root } from "./lib.mjs";
import { spawn } from "node:child_process";

ensureInstalled();
const children = [
  spawn(process.execPath, ["--import", "tsx", "server/main.ts", "--static-dir", "dist", ...process.argv.slice(2)], { cwd: root, stdio: "inherit" }),
  spawn("npx", ["vite"], { cwd: root, stdio: "inherit" }),
];
const stop = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", (code) => { stop(); process.exitCode = code ?? 0; });
