// Issue 8, scenario 4 (browser side): the open console recovers by itself when the sandbox is
// killed with SIGKILL and restarted on the same port and data directory: a running thread's view
// goes back to Live and finishes with the timeline equal to the server's log; a paused thread's
// view is still paused and completes after a resume. (The 20-kill integrity loop is node-side:
// server/reliability/crash.test.ts.) QUICK: 1 kill. FULL: 3 kills.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paths } from "../../src/routes";
import {
  connection,
  count,
  createThread,
  expect,
  report,
  resumeThread,
  serverRanges,
  startSandbox,
  test,
  threadStatusBadge,
  timeline,
  type Sandbox,
} from "./support";

const dataDir = mkdtempSync(join(tmpdir(), "rel-crash-browser-"));
test.use({
  sandboxOptions: { dataDir, speed: 10, extra: ["--seed-threads", "0"] },
  allowedConsoleErrors: [/Failed to load resource|net::ERR|status of 50\d/],
});
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test("scenario 4: after kill -9 and a restart on the same port, the open console recovers by itself", async ({
  sandbox,
  context,
  page,
  request,
}) => {
  const kills = count(1, 3);
  test.setTimeout(kills * 120_000 + 60_000);
  const running = await createThread(request, "ticker", { seconds: 25 + kills * 25, rate: 2 });
  const paused = await createThread(request, "invoice-parser", { invoice_id: "INV-CRASH-UI" });
  await page.goto(paths.thread(running));
  await expect(connection(page)).toHaveText(/Live/);
  const pausedPage = await context.newPage();
  await pausedPage.goto(paths.thread(paused));
  await expect(threadStatusBadge(pausedPage)).toContainText("Paused", { timeout: 20_000 });

  let restarted: Sandbox | undefined;
  let failures = 0;
  try {
    for (let kill = 1; kill <= kills; kill++) {
      await (restarted ?? sandbox).kill9();
      await expect(connection(page)).toHaveText(/Reconnecting|Polling|Stale/, { timeout: 10_000 });
      await new Promise((r) => setTimeout(r, 500 + Math.random() * 2_000));
      restarted = await startSandbox({ port: sandbox.port, dataDir, speed: 10, extra: ["--seed-threads", "0"] });
      try {
        // Back to Live without a reload (the backoff is capped at 30 s).
        await expect(connection(page)).toHaveText(/Live/, { timeout: 45_000 });
        await expect(threadStatusBadge(pausedPage)).toContainText("Paused", { timeout: 45_000 });
      } catch (error) {
        failures += 1;
        throw error;
      }
    }
    await expect(threadStatusBadge(page)).toContainText("Completed", { timeout: 120_000 });
    await expect(timeline(page)).toHaveAttribute("data-sequence-ranges", await serverRanges(request, running));
    await resumeThread(request, paused, { approved: true, amount: 42.5, currency: "EUR" });
    await expect(threadStatusBadge(pausedPage)).toContainText("Completed", { timeout: 30_000 });
    await expect(timeline(pausedPage)).toHaveAttribute("data-sequence-ranges", await serverRanges(request, paused));
  } finally {
    report({ scenario: "4 sandbox crash (open console recovers)", trials: kills, failures });
    await restarted?.stop();
  }
});
