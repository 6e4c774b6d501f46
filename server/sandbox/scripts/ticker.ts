// ticker: yields `rate` values a second for `seconds` seconds, in real time (not scaled by speed:
// it is a latency benchmark). Each value is {"n": 17, "emitted_at_ms": 1730000000123}.
import { jsonPayload, type StepInfo } from "../model.js";
import type { Program, Unit } from "../program.js";
import { stepInfo, versions, type ScriptDef } from "./scriptDef.js";

const STEPS: StepInfo[] = [stepInfo("1", "tick", "code"), stepInfo("2", "summarize", "code")];

function build(_threadId: string, input: Record<string, unknown>): Program {
  const seconds = Number(input["seconds"]);
  const rate = Number(input["rate"]);
  const count = Math.round(seconds * rate);
  const units: Unit[] = [
    {
      kind: "leaf",
      step: STEPS[0] as StepInfo,
      durationMs: 0,
      realTime: true,
      input: () => jsonPayload({ seconds, rate }),
      yields: () => ({ count, intervalMs: 1000 / rate, realTime: true, value: (n, at) => ({ n, emitted_at_ms: at }) }),
      run: () => ({ ok: true, output: jsonPayload({ emitted: count }) }),
    },
    {
      kind: "leaf",
      step: STEPS[1] as StepInfo,
      durationMs: 200,
      input: () => jsonPayload({ emitted: count }),
      run: () => ({ ok: true, output: jsonPayload({ emitted: count, rate }) }),
    },
  ];
  return {
    totalSteps: STEPS.length,
    unitAt: (i) => units[i],
    stepInfo: (p) => STEPS.find((s) => s.path === p),
    output: () => jsonPayload({ emitted: count, seconds, rate }),
  };
}

export const ticker: ScriptDef = {
  name: "ticker",
  description: "Yields `rate` values a second for `seconds` seconds, in real time (latency benchmark).",
  contract: {
    inputs: [
      { name: "seconds", type: { kind: "number" }, required: true, description: "How long to tick" },
      { name: "rate", type: { kind: "number" }, required: true, description: "Values per second" },
    ],
    outputs: [],
    enums: [],
  },
  versions: versions(1, ["first release"]),
  activeVersion: 1,
  checkInput: (input) => {
    const out = [];
    const s = input["seconds"];
    const r = input["rate"];
    if (typeof s === "number" && (s <= 0 || s > 3600)) out.push({ field: "seconds", description: "must be more than 0 and at most 3600" });
    if (typeof r === "number" && (r <= 0 || r > 1000)) out.push({ field: "rate", description: "must be more than 0 and at most 1000" });
    return out;
  },
  build,
};
