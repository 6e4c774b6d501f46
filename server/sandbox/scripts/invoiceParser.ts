// invoice-parser: fetch an invoice, extract its lines (yielding one value per line), ask a person
// to approve the amount, post it to the ledger.
//   1 fetch-invoice (tool http.get) · 2 extract { 2.0 ocr · 2.1 parse-lines · 2.2 totals }
//   3 approve-amount (ask: approved, amount, currency, note; 3 attempts) · 4 post-ledger
//
// Optional inputs, hooks for the security suite's hostile data (absent = default behaviour,
// byte for byte):
//   "label"    → step 2.1's name becomes "parse-lines <label>"; every value 2.1 yields gets a
//                "label" key; the ask prompt ends with " <label>"; every ask field's description
//                ends with " (<label>)".
//   "logs_url" → step 1's logs_url, verbatim (not checked: "javascript:…" is the point).
//   "raw_output_b64" → step 2.0's output bytes, base64-decoded and otherwise verbatim (invalid
//                UTF-8, not JSON: what a client must survive in a bytes field).
import type { EnumDefPlain, FieldDef } from "../contractTypes.js";
import { jsonPayload, type AskState, type StepInfo } from "../model.js";
import { payloadValue } from "../payload.js";
import type { Program, RunContext, Unit } from "../program.js";
import { hash32, prng, randInt } from "../random.js";
import { stepInfo, versions, type ScriptDef } from "./scriptDef.js";

export const CURRENCY_ENUM: EnumDefPlain = { name: "currency", values: ["USD", "EUR", "GBP"] };

export const ASK_FIELDS: FieldDef[] = [
  { name: "approved", type: { kind: "boolean" }, required: true, description: "Approve the invoice for posting" },
  { name: "amount", type: { kind: "number" }, required: true, description: "Amount to post" },
  { name: "currency", type: { kind: "enum", enumName: "currency" }, required: true, description: "Currency of the amount" },
  { name: "note", type: { kind: "string" }, required: false, description: "Note for the ledger entry" },
];

const STEPS: StepInfo[] = [
  stepInfo("1", "fetch-invoice", "tool", "http.get"),
  stepInfo("2", "extract", "group"),
  stepInfo("2.0", "ocr", "tool", "ocr.scan"),
  stepInfo("2.1", "parse-lines", "code"),
  stepInfo("2.2", "totals", "code"),
  stepInfo("3", "approve-amount", "ask"),
  stepInfo("4", "post-ledger", "tool", "ledger.post"),
];

/** A string input given and not empty, else undefined. */
function hook(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** The steps of one thread: the static ones, with the hostile-data hooks applied. */
function stepsFor(label: string | undefined, logsUrl: string | undefined): StepInfo[] {
  if (label === undefined && logsUrl === undefined) return STEPS;
  return STEPS.map((s) => {
    if (s.path === "1" && logsUrl !== undefined) return { ...s, logsUrl };
    if (s.path === "2.1" && label !== undefined) return { ...s, name: `${s.name} ${label}` };
    return s;
  });
}

function askFieldsFor(label: string | undefined): FieldDef[] {
  return label === undefined ? ASK_FIELDS : ASK_FIELDS.map((f) => ({ ...f, description: `${f.description} (${label})` }));
}

export interface InvoiceLine {
  line: number;
  sku: string;
  qty: number;
  unit_price: number;
  total: number;
}

export function invoiceFacts(invoiceId: string): { lines: InvoiceLine[]; currency: string; vendor: string } {
  const rand = prng(hash32(invoiceId));
  const count = randInt(rand, 3, 5);
  const lines = Array.from({ length: count }, (_, i) => {
    const qty = randInt(rand, 1, 12);
    const unit = randInt(rand, 500, 25_000) / 100;
    return { line: i + 1, sku: `SKU-${randInt(rand, 1000, 9999)}`, qty, unit_price: unit, total: Math.round(qty * unit * 100) / 100 };
  });
  const currency = CURRENCY_ENUM.values[randInt(rand, 0, 2)] ?? "EUR";
  const vendor = ["Acme GmbH", "Globex Ltd", "Initech SA", "Umbrella BV"][randInt(rand, 0, 3)] ?? "Acme GmbH";
  return { lines, currency, vendor };
}

function build(threadId: string, input: Record<string, unknown>): Program {
  const invoiceId = String(input["invoice_id"]);
  const expiresInS = typeof input["ask_expires_in_s"] === "number" ? input["ask_expires_in_s"] : 86_400;
  const label = hook(input, "label");
  const rawOutput = hook(input, "raw_output_b64");
  const steps = stepsFor(label, hook(input, "logs_url"));
  const info = (path: string): StepInfo => {
    const s = steps.find((x) => x.path === path);
    if (s === undefined) throw new Error(`no step ${path}`);
    return s;
  };
  const facts = invoiceFacts(invoiceId);
  const subtotal = Math.round(facts.lines.reduce((a, l) => a + l.total, 0) * 100) / 100;
  const tax = Math.round(subtotal * 0.2 * 100) / 100;
  const total = Math.round((subtotal + tax) * 100) / 100;

  const units: Unit[] = [
    {
      kind: "leaf",
      step: info("1"),
      durationMs: 1500,
      input: () => jsonPayload({ url: `https://erp.example.com/invoices/${encodeURIComponent(wellFormed(invoiceId))}`, method: "GET" }),
      run: () => ok({ invoice_id: invoiceId, vendor: facts.vendor, pages: facts.lines.length > 3 ? 2 : 1, content_type: "application/pdf", bytes: 20_000 + (hash32(invoiceId) % 60_000) }),
    },
    { kind: "group-start", step: info("2"), input: jsonPayload({ invoice_id: invoiceId }) },
    {
      kind: "leaf",
      step: info("2.0"),
      durationMs: 2000,
      input: () => jsonPayload({ document: `${invoiceId}.pdf`, language: "en" }),
      run: () =>
        rawOutput === undefined
          ? ok({ text_chars: 900 + facts.lines.length * 310, confidence: 0.97 })
          : { ok: true as const, output: { kind: "bytes" as const, b64: rawOutput } },
    },
    {
      kind: "leaf",
      step: info("2.1"),
      durationMs: 400,
      input: () => jsonPayload({ document: `${invoiceId}.pdf` }),
      yields: () => ({ count: facts.lines.length, intervalMs: 350, realTime: false, value: (n) => (label === undefined ? facts.lines[n] : { ...facts.lines[n], label }) }),
      run: () => ok({ lines: facts.lines }),
    },
    {
      kind: "leaf",
      step: info("2.2"),
      durationMs: 800,
      input: () => jsonPayload({ lines: facts.lines.length }),
      run: () => ok({ subtotal, tax, total, currency: facts.currency }),
    },
    { kind: "group-end", path: "2", output: () => jsonPayload({ lines: facts.lines.length, total, currency: facts.currency }) },
    {
      kind: "ask",
      step: info("3"),
      ask: (_ctx: RunContext, nowMs: number): AskState => ({
        prompt: `Approve invoice ${invoiceId} from ${facts.vendor} for ${total.toFixed(2)} ${facts.currency}?${label === undefined ? "" : ` ${label}`}`,
        fields: askFieldsFor(label),
        enums: [CURRENCY_ENUM],
        attempt: 1,
        maxAttempts: 3,
        expiresAtMs: expiresInS > 0 ? Math.round(nowMs + expiresInS * 1000) : 0,
      }),
      answerOutput: (answer) => jsonPayload(answer),
    },
    {
      kind: "leaf",
      step: info("4"),
      durationMs: 1200,
      input: (ctx) => {
        const a = answerOf(ctx);
        return jsonPayload({ invoice_id: invoiceId, amount: a.amount, currency: a.currency });
      },
      run: (ctx) => {
        const a = answerOf(ctx);
        return ok({ ledger_entry: `LE-${(hash32(threadId) % 900_000) + 100_000}`, amount: a.amount, currency: a.currency, approved: a.approved });
      },
    },
  ];

  return {
    totalSteps: steps.length,
    unitAt: (i) => units[i],
    stepInfo: (p) => steps.find((s) => s.path === p),
    output: (ctx) => {
      const a = answerOf(ctx);
      return jsonPayload({ invoice_id: invoiceId, amount: a.amount, currency: a.currency, posted: true });
    },
  };
}

function answerOf(ctx: RunContext): { amount: unknown; currency: unknown; approved: unknown } {
  const v = payloadValue(ctx.step("3")?.output ?? null);
  const o = typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
  return { amount: o["amount"], currency: o["currency"], approved: o["approved"] };
}

function ok(value: unknown) {
  return { ok: true as const, output: jsonPayload(value) };
}

export const invoiceParser: ScriptDef = {
  name: "invoice-parser",
  description: "Fetches an invoice, extracts its lines and totals, asks for approval, posts it to the ledger.",
  contract: {
    inputs: [
      { name: "invoice_id", type: { kind: "string" }, required: true, description: "Invoice to parse, e.g. INV-42" },
      {
        name: "ask_expires_in_s",
        type: { kind: "number" },
        required: false,
        description: "Seconds the approval ask stays open (0 = never)",
        defaultJson: "86400",
      },
      {
        name: "label",
        type: { kind: "string" },
        required: false,
        description: "Optional test hook: echoed into step 2.1's name and yields, the ask prompt and the ask field descriptions",
      },
      {
        name: "logs_url",
        type: { kind: "string" },
        required: false,
        description: "Optional test hook: step 1's logs URL, verbatim",
      },
      {
        name: "raw_output_b64",
        type: { kind: "string" },
        required: false,
        description: "Optional test hook: base64 bytes that become step 2.0's output bytes verbatim (e.g. invalid UTF-8)",
      },
    ],
    outputs: [
      { name: "invoice_id", type: { kind: "string" }, required: true, description: "" },
      { name: "amount", type: { kind: "number" }, required: true, description: "Approved amount" },
      { name: "currency", type: { kind: "enum", enumName: "currency" }, required: true, description: "" },
      { name: "posted", type: { kind: "boolean" }, required: true, description: "" },
    ],
    enums: [CURRENCY_ENUM],
  },
  versions: versions(3, ["first release", "OCR v2", "approval ask with currency"]),
  activeVersion: 3,
  checkInput: (input) => {
    const s = input["ask_expires_in_s"];
    return typeof s === "number" && s < 0 ? [{ field: "ask_expires_in_s", description: "must be 0 or more" }] : [];
  },
  build,
  seedAnswer: (input) => plausibleAnswer(String(input["invoice_id"])),
};

/** A valid answer for the thread's ask (used by seeded threads). */
export function plausibleAnswer(invoiceId: string): Record<string, unknown> {
  const facts = invoiceFacts(invoiceId);
  const subtotal = facts.lines.reduce((a, l) => a + l.total, 0);
  const total = Math.round(subtotal * 1.2 * 100) / 100;
  return { approved: true, amount: total, currency: facts.currency };
}

/** encodeURIComponent throws on a lone surrogate (invoice ids are the caller's data): replace it with U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
