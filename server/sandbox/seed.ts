// History for a fresh store: `count` threads over the past 14 days, every status represented.
// The first ones are "featured" (asks paused with varied expiry, recoverable flaky-report
// failures, live running/pending threads, …), the rest are random finished threads. Rows only:
// finished threads are synthesized on demand; the few live ones are materialized by the caller.
import { ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { newThreadId } from "./ids.js";
import { hash32, pick, prng, randInt } from "./random.js";
import { defaultDepth, fanoutTree, pathOf } from "./scripts/fanoutTree.js";
import type { SeedRow } from "./store.js";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const HISTORY_MS = 14 * DAY;
/** Finished seeded threads are at least this old, so their synthesized history is in the past. */
const FINISHED_MIN_AGE_MS = 4 * HOUR;

interface Featured {
  script: string;
  status: ThreadStatus;
  ageMs: number;
  input: Record<string, unknown>;
}

/** Seconds an ask must stay open so that it expires `expiresInMs` from now (ask ≈ 8 s after creation). */
function askSeconds(ageMs: number, expiresInMs: number): number {
  return Math.round((ageMs + expiresInMs) / 1000) - 8;
}

function featured(): Featured[] {
  const paused = (n: number, ageMs: number, expiresInMs: number | null): Featured => ({
    script: "invoice-parser",
    status: ThreadStatus.PAUSED,
    ageMs,
    input: { invoice_id: `INV-${n}`, ask_expires_in_s: expiresInMs === null ? 0 : askSeconds(ageMs, expiresInMs) },
  });
  return [
    paused(1042, 30 * MIN, 15 * MIN),
    { script: "invoice-parser", status: ThreadStatus.RUNNING, ageMs: 2 * MIN, input: { invoice_id: "INV-1043" } },
    { script: "flaky-report", status: ThreadStatus.PENDING, ageMs: 1 * MIN, input: { report: "weekly-ops", page_size: "A4" } },
    { script: "invoice-parser", status: ThreadStatus.COMPLETED, ageMs: 6 * HOUR, input: { invoice_id: "INV-1001" } },
    { script: "flaky-report", status: ThreadStatus.FAILED, ageMs: 5 * HOUR, input: { report: "quarterly-sales" } },
    { script: "big-export", status: ThreadStatus.CANCELLED, ageMs: 9 * HOUR, input: { mb: 40 } },
    paused(1044, 2 * HOUR, 3 * HOUR),
    paused(1045, 5 * HOUR, 2 * DAY),
    paused(1046, 1 * DAY, null),
    paused(1047, 3 * DAY, 5 * DAY),
    paused(1048, 40 * MIN, 26 * HOUR),
    { script: "flaky-report", status: ThreadStatus.FAILED, ageMs: 1 * DAY, input: { report: "quarterly-costs" } },
    { script: "flaky-report", status: ThreadStatus.FAILED, ageMs: 3 * DAY, input: { report: "annual-review", page_size: "A5" } },
    { script: "invoice-parser", status: ThreadStatus.FAILED, ageMs: 2 * DAY, input: { invoice_id: "INV-0977", ask_expires_in_s: 3600 } },
    { script: "fanout", status: ThreadStatus.FAILED, ageMs: 7 * HOUR, input: { steps: 400, fail_at: "3.7" } },
    { script: "fanout", status: ThreadStatus.RUNNING, ageMs: 3 * MIN, input: { steps: 3000 } },
    { script: "flaky-report", status: ThreadStatus.RUNNING, ageMs: 4 * MIN, input: { report: "daily-kpis", page_size: "Letter" } },
    { script: "invoice-parser", status: ThreadStatus.PENDING, ageMs: 30_000, input: { invoice_id: "INV-1049" } },
    { script: "invoice-parser", status: ThreadStatus.CANCELLED, ageMs: 8 * HOUR, input: { invoice_id: "INV-0990" } },
    { script: "fanout", status: ThreadStatus.COMPLETED, ageMs: 10 * HOUR, input: { steps: 5000 } },
    { script: "big-export", status: ThreadStatus.COMPLETED, ageMs: 11 * HOUR, input: { mb: 6 } },
    { script: "ticker", status: ThreadStatus.COMPLETED, ageMs: 12 * HOUR, input: { seconds: 5, rate: 4 } },
    { script: "flaky-report", status: ThreadStatus.FAILED, ageMs: 6 * DAY, input: { report: "monthly-churn" } },
  ];
}

function randomFinished(rand: () => number, i: number): { script: string; status: ThreadStatus; input: Record<string, unknown> } {
  const r = rand();
  const status = r < 0.74 ? ThreadStatus.COMPLETED : r < 0.92 ? ThreadStatus.FAILED : ThreadStatus.CANCELLED;
  const invoice = () => ({ invoice_id: `INV-${String(randInt(rand, 1, 99999)).padStart(5, "0")}` });
  if (status === ThreadStatus.FAILED) {
    const k = rand();
    if (k < 0.5) return { script: "flaky-report", status, input: { report: pick(rand, ["quarterly-sales", "quarterly-costs", "board-pack"]) } };
    if (k < 0.75) return { script: "invoice-parser", status, input: { ...invoice(), ask_expires_in_s: 3600 } };
    const steps = randInt(rand, 20, 300);
    const tree = fanoutTree(steps, defaultDepth(steps));
    return { script: "fanout", status, input: { steps, fail_at: pathOf(tree, randInt(rand, 0, steps - 1)) } };
  }
  const k = rand();
  if (k < 0.4) return { script: "invoice-parser", status, input: invoice() };
  if (k < 0.6) return { script: "flaky-report", status, input: { report: pick(rand, ["quarterly-sales", "weekly-ops", "daily-kpis"]), page_size: pick(rand, ["A4", "Letter"]) } };
  if (k < 0.75) return { script: "fanout", status, input: { steps: randInt(rand, 10, 300) } };
  if (k < 0.9) return { script: "big-export", status, input: { mb: randInt(rand, 1, 24) / 2 } };
  return { script: "ticker", status: status === ThreadStatus.CANCELLED ? ThreadStatus.COMPLETED : status, input: { seconds: randInt(rand, 2, 8), rate: randInt(rand, 1, 10) + (i % 2) } };
}

function metadataFor(rand: () => number): Record<string, string> {
  const m: Record<string, string> = { source: pick(rand, ["scheduler", "api", "console", "backfill"]) };
  if (rand() < 0.5) m["ticket"] = `INC-${randInt(rand, 1000, 9999)}`;
  if (rand() < 0.4) m["team"] = pick(rand, ["finance", "ops", "data"]);
  return m;
}

const ACTIVE_VERSION: Record<string, number> = { "invoice-parser": 3, "flaky-report": 2, "big-export": 1, fanout: 2, ticker: 1 };

export function* seedRows(count: number, nowMs: number): Generator<SeedRow> {
  const rand = prng(hash32(`seed:${count}:${Math.floor(nowMs / DAY)}`));
  const feats = featured();
  for (let i = 0; i < count; i++) {
    const f = feats[i];
    let script: string;
    let status: ThreadStatus;
    let input: Record<string, unknown>;
    let createdAtMs: number;
    if (f !== undefined) {
      ({ script, status, input } = f);
      createdAtMs = nowMs - f.ageMs - randInt(rand, 0, 5000);
    } else {
      ({ script, status, input } = randomFinished(rand, i));
      // Each random thread has its own time slot, newest first: rows arrive in key order, which
      // keeps the bulk insert of 1,000,000 rows fast.
      const slot = (HISTORY_MS - FINISHED_MIN_AGE_MS) / Math.max(1, count - feats.length);
      createdAtMs = nowMs - FINISHED_MIN_AGE_MS - Math.floor((i - feats.length + rand()) * slot);
    }
    const active = ACTIVE_VERSION[script] ?? 1;
    const version = active > 1 && rand() < 0.15 ? active - 1 : active;
    yield {
      threadId: newThreadId(createdAtMs, rand),
      scriptName: script,
      version,
      status,
      createdAtMs,
      inputJson: JSON.stringify(input),
      metadata: metadataFor(rand),
    };
  }
}

/** Statuses that seeded threads keep live (materialized at seed time, run by the runtime). */
export function isLiveSeedStatus(status: ThreadStatus): boolean {
  return status === ThreadStatus.PENDING || status === ThreadStatus.RUNNING || status === ThreadStatus.PAUSED;
}
