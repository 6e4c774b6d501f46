// flaky-report: builds a quarterly report; rendering fails for page sizes the template does not
// support (the default "A5" always does), a recoverable failure: ResumeThread with corrected
// input for step 1.2.0 (e.g. {"page_size":"A4"}) re-runs it and the thread completes.
//   1 report { 1.0 load-data · 1.1 aggregate · 1.2 render { 1.2.0 render-pdf · 1.2.1 upload } } · 2 notify
//
// Optional inputs, hooks for the security suite's hostile data (absent = default behaviour,
// byte for byte):
//   "error_detail" → appended verbatim to step 1.2.0's failure error (and so the thread's error),
//                    after ": ".
//   "label"        → step 1.1's name becomes "aggregate <label>" and its output gets a "label" key.
import type { EnumDefPlain } from "../contractTypes.js";
import { jsonPayload, type Payload, type StepInfo } from "../model.js";
import { payloadValue } from "../payload.js";
import type { Program, Unit } from "../program.js";
import { hash32 } from "../random.js";
import { stepInfo, versions, type ScriptDef } from "./scriptDef.js";

const PAGE_SIZE_ENUM: EnumDefPlain = { name: "page_size", values: ["A4", "Letter", "A5"] };
const SUPPORTED = ["A4", "Letter"];
const TEMPLATE = "quarterly-v2";

const STEPS: StepInfo[] = [
  stepInfo("1", "report", "group"),
  stepInfo("1.0", "load-data", "tool", "sql.query"),
  stepInfo("1.1", "aggregate", "code"),
  stepInfo("1.2", "render", "group"),
  stepInfo("1.2.0", "render-pdf", "tool", "pdf.render"),
  stepInfo("1.2.1", "upload", "tool", "s3.put"),
  stepInfo("2", "notify", "tool", "email.send"),
];

/** A string input given and not empty, else undefined. */
function hook(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  return typeof v === "string" && v !== "" ? v : undefined;
}

function build(threadId: string, input: Record<string, unknown>): Program {
  const label = hook(input, "label");
  const errorDetail = hook(input, "error_detail");
  const steps = label === undefined ? STEPS : STEPS.map((s) => (s.path === "1.1" ? { ...s, name: `${s.name} ${label}` } : s));
  const info = (path: string): StepInfo => {
    const s = steps.find((x) => x.path === path);
    if (s === undefined) throw new Error(`no step ${path}`);
    return s;
  };
  const report = typeof input["report"] === "string" ? input["report"] : "quarterly-sales";
  const pageSize = typeof input["page_size"] === "string" ? input["page_size"] : "A5";
  const rows = 1000 + (hash32(threadId) % 4000);
  const renderOutput = (p: Payload | null) => {
    const v = payloadValue(p);
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
  };
  const units: Unit[] = [
    { kind: "group-start", step: info("1"), input: jsonPayload({ report }) },
    {
      kind: "leaf",
      step: info("1.0"),
      durationMs: 1000,
      input: () => jsonPayload({ query: `select * from sales where report = '${report}'`, database: "warehouse" }),
      run: () => ({ ok: true, output: jsonPayload({ rows }) }),
    },
    {
      kind: "leaf",
      step: info("1.1"),
      durationMs: 800,
      input: () => jsonPayload({ rows, group_by: ["region", "quarter"] }),
      run: () => ({ ok: true, output: jsonPayload(label === undefined ? { groups: 16, revenue: rows * 173.5 } : { groups: 16, revenue: rows * 173.5, label }) }),
    },
    { kind: "group-start", step: info("1.2"), input: jsonPayload({ template: TEMPLATE }) },
    {
      kind: "leaf",
      step: info("1.2.0"),
      durationMs: 1200,
      input: () => jsonPayload({ template: TEMPLATE, page_size: pageSize, pages: 12 }),
      run: (_ctx, stepInput) => {
        const i = renderOutput(stepInput);
        const size = i["page_size"];
        if (typeof size !== "string" || !SUPPORTED.includes(size)) {
          return {
            ok: false,
            error: `RenderError: page size '${typeof size === "string" ? size : JSON.stringify(size)}' is not supported by template ${TEMPLATE} (supported: ${SUPPORTED.join(", ")})${errorDetail === undefined ? "" : `: ${errorDetail}`}`,
            recoverable: true,
          };
        }
        return { ok: true, output: jsonPayload({ file: `${report}.pdf`, page_size: size, pages: i["pages"] ?? 12, bytes: 182_311 }) };
      },
    },
    {
      kind: "leaf",
      step: info("1.2.1"),
      durationMs: 700,
      input: () => jsonPayload({ bucket: "reports", key: `${threadId}/${report}.pdf` }),
      run: () => ({ ok: true, output: jsonPayload({ url: `s3://reports/${threadId}/${report}.pdf` }) }),
    },
    { kind: "group-end", path: "1.2", output: (ctx) => ctx.step("1.2.0")?.output ?? null },
    { kind: "group-end", path: "1", output: () => jsonPayload({ report }) },
    {
      kind: "leaf",
      step: info("2"),
      durationMs: 500,
      input: () => jsonPayload({ to: "finance@example.com", subject: `Report ${report} is ready` }),
      run: () => ({ ok: true, output: jsonPayload({ sent: true }) }),
    },
  ];
  return {
    totalSteps: steps.length,
    unitAt: (i) => units[i],
    stepInfo: (p) => steps.find((s) => s.path === p),
    output: (ctx) => {
      const r = renderOutput(ctx.step("1.2.0")?.output ?? null);
      return jsonPayload({ report, url: `s3://reports/${threadId}/${report}.pdf`, page_size: r["page_size"], pages: r["pages"] });
    },
  };
}

export const flakyReport: ScriptDef = {
  name: "flaky-report",
  description: "Renders a quarterly report; fails at 1.2.0 for unsupported page sizes (recoverable).",
  contract: {
    inputs: [
      { name: "report", type: { kind: "string" }, required: false, description: "Report name", defaultJson: '"quarterly-sales"' },
      { name: "page_size", type: { kind: "enum", enumName: "page_size" }, required: false, description: "Page size", defaultJson: '"A5"' },
      {
        name: "error_detail",
        type: { kind: "string" },
        required: false,
        description: "Optional test hook: appended verbatim to the render failure's error",
      },
      { name: "label", type: { kind: "string" }, required: false, description: "Optional test hook: echoed into step 1.1's name and output" },
    ],
    outputs: [
      { name: "report", type: { kind: "string" }, required: true, description: "" },
      { name: "url", type: { kind: "string" }, required: true, description: "" },
    ],
    enums: [PAGE_SIZE_ENUM],
  },
  versions: versions(2, ["first release", "template quarterly-v2"]),
  activeVersion: 2,
  build,
};
