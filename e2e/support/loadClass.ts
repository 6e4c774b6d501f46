// Two kinds of spec must never run at the same time on a 2-core machine: "heavy" ones (a 70,000-step
// zip, a 192 MiB download) that saturate both cores, and "timing" ones that assert latencies (a
// unary call within 1 s, Reconnecting within 2 s). Specs of one kind may run beside each other and
// beside any other spec. Playwright's workers are separate processes, so the kinds are kept apart by
// a directory shared by the run: one file per running holder ("<kind>.<pid>.<n>"), and a mkdir mutex
// around the check-and-register step. A holder whose process is gone (a killed worker) is ignored.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type LoadClass = "heavy" | "timing";

const other: Record<LoadClass, LoadClass> = { heavy: "timing", timing: "heavy" };

/** One directory per run: keyed by the run's server URL (playwright.config.ts sets it), so runs on
 *  other ports (SCRIPTUM_E2E_PORT) never wait for each other. */
function runDir(): string {
  const key = (process.env.SCRIPTUM_E2E_BASE_URL ?? "default").replace(/[^A-Za-z0-9]+/g, "-");
  return join(tmpdir(), `scriptum-e2e-load-${key}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;

async function withMutex<T>(dir: string, fn: () => T): Promise<T> {
  const mutex = join(dir, ".mutex");
  for (;;) {
    try {
      mkdirSync(mutex);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      // A holder of the mutex does a readdir and a write: 10 s means its process died in between.
      try {
        if (Date.now() - statSync(mutex).mtimeMs > 10_000) rmSync(mutex, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      await sleep(20);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(mutex, { recursive: true, force: true });
  }
}

/** Waits until no spec of the other kind runs, registers this one; returns the release. */
export async function acquireLoadClass(kind: LoadClass): Promise<() => void> {
  const dir = runDir();
  mkdirSync(dir, { recursive: true });
  const mine = join(dir, `${kind}.${process.pid}.${counter++}`);
  for (;;) {
    const registered = await withMutex(dir, () => {
      const blocking = readdirSync(dir).filter((name) => {
        const [k, pid] = name.split(".");
        return k === other[kind] && alive(Number(pid));
      });
      if (blocking.length > 0) return false;
      writeFileSync(mine, "");
      return true;
    });
    if (registered) return () => rmSync(mine, { force: true });
    await sleep(250);
  }
}
