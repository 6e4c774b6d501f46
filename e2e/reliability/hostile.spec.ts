// Issue 8, scenario 5: hostile data. Every payload of payloads.ts is placed through thread inputs
// and metadata into every place the sandbox lets input reach:
//   metadata (history labels, thread header)                       — every script
//   invoice-parser "invoice_id" → ask prompt, output               — string echoed by the script
//   invoice-parser "label"      → step 2.1 name, its yields, ask prompt, ask field descriptions
//   invoice-parser "logs_url"   → step 1's logs URL
//   flaky-report "error_detail" → step 1.2.0's error and the thread's error
//   flaky-report "label"        → step 1.1 name and output
//   the input JSON itself       → step inputs, the /new rerun prefill
// Then every page that shows them is opened with tripwires: window.__xss (set by every executing
// payload), page dialogs, injected elements or on* attributes in the DOM, javascript:/data: links,
// plus the fixture's CSP-violation and console-error guard. Layout: no horizontal overflow of the
// page, the page's heading visible.
// Not reachable from input (needs a sandbox hook): invalid UTF-8 in bytes fields (output_data is
// produced by JSON.stringify, always valid UTF-8 — a hook such as "raw_output_b64" echoed as the
// step output bytes would be needed); step names/errors of invoice-parser other than 2.1; ask
// option labels (the currency enum is fixed); WatchStep decision texts.
// QUICK: all payloads packed into one thread per script (joined in one label). FULL: one thread per
// payload and script, and every page of every thread.
import type { Page } from "@playwright/test";
import { paths } from "../../src/routes";
import { HOSTILE_PAYLOADS, HOSTILE_URLS } from "./payloads";
import { createThread, expect, FULL, report, test, threadStatus } from "./support";


interface Planted {
  threadId: string;
  script: "invoice-parser" | "flaky-report";
  marker: string;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function tripwires(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if ((window as unknown as { __xss?: unknown }).__xss !== undefined) problems.push("window.__xss was set");
    if ((window as unknown as { polluted?: unknown }).polluted !== undefined || ({} as Record<string, unknown>).polluted !== undefined) {
      problems.push("prototype polluted");
    }
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) problems.push(`<${el.tagName.toLowerCase()} ${attr.name}> in the DOM`);
        if (/^(href|src|action|formaction|data|xlink:href)$/i.test(attr.name) && /^\s*(javascript|vbscript|data):/i.test(Array.from(attr.value).filter((c) => c.charCodeAt(0) > 0x1f).join(""))) {
          problems.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value.slice(0, 60)}">`);
        }
      }
    }
    for (const tag of ["iframe", "object", "embed", "marquee", "blink", "base", "meta[http-equiv]", "template", "form[action]"]) {
      const n = document.body.querySelectorAll(tag).length;
      if (n > 0) problems.push(`${n} injected <${tag}>`);
    }
    const scripts = Array.from(document.querySelectorAll("script")).filter((s) => s.src === "" || !s.src.startsWith(location.origin));
    if (scripts.length > 0) problems.push(`${scripts.length} inline or foreign <script>`);
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`horizontal overflow: ${root.scrollWidth} > ${root.clientWidth}`);
    return problems;
  });
}

test("scenario 5: hostile data reaches every page as text — zero executions, zero CSP violations", async ({
  page,
  request,
  pageProblems,
}) => {
  test.setTimeout(FULL ? 3_600_000 : 420_000);
  // Pages legitimately report a missing image or similar? No: any console error fails the test,
  // except the flaky thread's own failure text, which the app does not log.
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const perThread = FULL ? 1 : HOSTILE_PAYLOADS.length;
  const groups = chunks(HOSTILE_PAYLOADS, perThread);
  const planted: Planted[] = [];
  let n = 0;
  for (const group of groups) {
    n += 1;
    const marker = `HOSTILE-${n}`;
    const text = `${marker} ${group.join(" | ")}`;
    // invoice_id gets the well-formed form too: a lone surrogate there crashes the sandbox's
    // script (encodeURIComponent: "URIError: URI malformed") and leaves the thread RUNNING for
    // ever (reported as a sandbox bug).
    // Metadata is a proto map<string,string>: a lone surrogate cannot be encoded (the server
    // rightly answers INVALID_ARGUMENT), so metadata gets the well-formed form; inputs keep it
    // (JSON escapes it as \ud800, and the scripts echo it into step names and prompts).
    const wellFormed = (v: string) => v.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
    const metadata: Record<string, string> = { hostile: wellFormed(text), [`k-${marker}`]: wellFormed(group[0] ?? "") };
    group.forEach((p, i) => (metadata[`p${i}`] = wellFormed(p)));
    const url = HOSTILE_URLS[(n - 1) % HOSTILE_URLS.length] ?? "javascript:alert(1)";
    planted.push({
      threadId: await createThread(request, "invoice-parser", { invoice_id: wellFormed(text), label: text, logs_url: url }, metadata),
      script: "invoice-parser",
      marker,
    });
    planted.push({
      threadId: await createThread(request, "flaky-report", { report: text, error_detail: text, label: text }, metadata),
      script: "flaky-report",
      marker,
    });
  }
  // Let them reach the ask / the failure.
  for (const p of planted) {
    const want = p.script === "invoice-parser" ? "THREAD_STATUS_PAUSED" : "THREAD_STATUS_FAILED";
    await expect.poll(() => threadStatus(request, p.threadId), { timeout: 60_000 }).toBe(want);
  }

  const visits: { path: string; marker?: string }[] = [{ path: paths.threads() }, { path: paths.approvals() }];
  for (const p of planted) {
    if (p.script === "invoice-parser") {
      visits.push(
        { path: paths.thread(p.threadId), marker: p.marker },
        { path: paths.threadStep(p.threadId, "2.1", "output"), marker: p.marker },
        { path: paths.threadStep(p.threadId, "1", "logs") },
        { path: paths.threadStep(p.threadId, "2.1", "input") },
        { path: paths.approval(p.threadId), marker: p.marker },
        { path: paths.newThread(p.threadId) },
      );
    } else {
      visits.push(
        { path: paths.thread(p.threadId), marker: p.marker },
        { path: paths.threadStep(p.threadId, "1.2.0"), marker: p.marker },
        { path: paths.threadStep(p.threadId, "1.1", "output"), marker: p.marker },
        { path: paths.threadStep(p.threadId, "1.1", "logs") },
      );
    }
  }

  const problems: string[] = [];
  const unreached: string[] = [];
  for (const visit of visits) {
    const visitStarted = Date.now();
    await page.goto(visit.path);
    await expect(page.locator("main, [role=main]").first()).toBeVisible();
    await expect(page.getByRole("heading").first()).toBeVisible();
    // Wait for the data to arrive: the marker where it should be, otherwise a short settle.
    if (visit.marker !== undefined) {
      try {
        await expect(page.locator("body")).toContainText(visit.marker, { timeout: 10_000 });
      } catch {
        unreached.push(`${visit.marker} not shown on ${visit.path}`);
      }
    } else {
      await page.waitForTimeout(1_500);
    }
    // Hover the first links (some payloads only fire on interaction).
    for (const el of (await page.locator("main a").all()).slice(0, 4)) {
      await el.hover({ timeout: 500, trial: false }).catch(() => undefined);
    }
    for (const p of await tripwires(page)) problems.push(`${visit.path}: ${p}`);
    console.log(`hostile: ${visit.path.slice(0, 70)} checked in ${Date.now() - visitStarted} ms`);
  }
  problems.push(...dialogs.map((d) => `dialog opened: ${d}`));
  const layout = problems.filter((p) => p.includes("horizontal overflow"));
  const executions = problems.filter((p) => !p.includes("horizontal overflow"));
  report({
    scenario: "5 hostile data",
    trials: HOSTILE_PAYLOADS.length,
    failures: executions.length + pageProblems.cspViolations.length + layout.length + unreached.length,
    notes: `${HOSTILE_PAYLOADS.length} payloads in ${planted.length} threads, ${visits.length} page visits; ${executions.length} executions/injections, ${layout.length} layout overflows, ${unreached.length} marker misses`,
  });
  if (unreached.length > 0) console.log(`hostile: not shown where expected:\n  ${unreached.join("\n  ")}`);
  if (layout.length > 0) console.log(`hostile: layout:\n  ${layout.join("\n  ")}`);
  // Executions, injected elements, dialogs and CSP violations (the fixture) always fail the test.
  expect(executions, "tripwires").toEqual([]);
  // Known bugs (reported): long unbroken strings overflow the step detail page; the approval
  // page shows the ask late. Asserted in the full run; annotated in the quick run.
  if (FULL) {
    expect(layout, "layouts intact").toEqual([]);
    expect(unreached, "every payload is shown (as text) where it was placed").toEqual([]);
  } else {
    for (const p of [...layout, ...unreached]) test.info().annotations.push({ type: "known issue", description: p });
  }
});
