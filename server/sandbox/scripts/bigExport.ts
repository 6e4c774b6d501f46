// big-export: produces a valid JSON document of about `mb` MiB (exact size in
// output_total_bytes); the export step's own output is large too (> 64 KiB, so it is chunked).
// Both are generated from (thread id, mb) on demand, never stored.
import { normalizeGenSpec } from "../bigJson.js";
import { jsonPayload, type StepInfo } from "../model.js";
import type { Program, Unit } from "../program.js";
import { stepInfo, versions, type ScriptDef } from "./scriptDef.js";

const MIB = 1024 * 1024;
const STEPS: StepInfo[] = [
  stepInfo("1", "query", "tool", "sql.query"),
  stepInfo("2", "export", "code"),
  stepInfo("3", "upload", "tool", "s3.put"),
];

export function exportOutputSpec(threadId: string, mb: number) {
  return normalizeGenSpec({ seed: threadId, bytes: Math.round(mb * MIB), label: "big-export" });
}

function build(threadId: string, input: Record<string, unknown>): Program {
  const mb = Number(input["mb"]);
  const output = exportOutputSpec(threadId, mb);
  const part = normalizeGenSpec({ seed: threadId, bytes: Math.max(96 * 1024, Math.floor(output.bytes / 2)), label: "export-part" });
  const units: Unit[] = [
    {
      kind: "leaf",
      step: STEPS[0] as StepInfo,
      durationMs: 1000,
      input: () => jsonPayload({ query: "select * from orders", limit: null }),
      run: () => ({ ok: true, output: jsonPayload({ rows: Math.floor(output.bytes / 256) }) }),
    },
    {
      kind: "leaf",
      step: STEPS[1] as StepInfo,
      durationMs: 1500 + Math.min(10_000, mb * 20),
      input: () => jsonPayload({ format: "json", target_bytes: output.bytes }),
      run: () => ({ ok: true, output: { kind: "gen", gen: part } }),
    },
    {
      kind: "leaf",
      step: STEPS[2] as StepInfo,
      durationMs: 800,
      // The upload's input is the exported part itself: a large input (chunked as "input" by
      // StreamStepResult in complete fidelity only).
      input: () => ({ kind: "gen", gen: part }),
      run: () => ({ ok: true, output: jsonPayload({ url: `s3://exports/${threadId}/export.json`, bytes: output.bytes }) }),
    },
  ];
  return {
    totalSteps: STEPS.length,
    unitAt: (i) => units[i],
    stepInfo: (p) => STEPS.find((s) => s.path === p),
    output: () => ({ kind: "gen", gen: output }),
  };
}

export const bigExport: ScriptDef = {
  name: "big-export",
  description: "Exports a JSON document of about `mb` MiB (for large-output handling).",
  contract: {
    inputs: [{ name: "mb", type: { kind: "number" }, required: true, description: "Size of the output in MiB" }],
    outputs: [],
    enums: [],
  },
  versions: versions(1, ["first release"]),
  activeVersion: 1,
  checkInput: (input) => {
    const mb = input["mb"];
    return typeof mb === "number" && (mb <= 0 || mb > 4096) ? [{ field: "mb", description: "must be more than 0 and at most 4096" }] : [];
  },
  build,
};
