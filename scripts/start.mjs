// `npm start`: install what is missing, build the app when its sources changed, then serve the
// console with the embedded sandbox Scriptum. Flags pass through: npm start -- --port 7400 --speed 5
import { buildIfStale, ensureInstalled, runNodeForeground } from "./lib.mjs";

ensureInstalled();
buildIfStale();
runNodeForeground(["--import", "tsx", "server/main.ts", ...process.argv.slice(2)]);
