import { describe, expect, it } from "vitest";
import { unzipSync } from "fflate";
import { createClient } from "@connectrpc/connect";
import { ScriptumService, StepStatus, ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { fakeScriptum } from "../steps/testing/fakeScriptum";
import type { ByteSink } from "./byteSink";
import { zipWriter } from "./bundleWriter";
import { saveBundle } from "./bundle";
import { concatBytes } from "../steps/chunkAssembler";

function memorySink(): ByteSink & { bytes(): Uint8Array } {
  const parts: Uint8Array[] = [];
  return {
    kind: "blob",
    write: async (b) => void parts.push(b.slice()),
    close: async () => undefined,
    abort: async () => undefined,
    bytes: () => concatBytes(parts),
  };
}

describe("saveBundle", () => {
  it("writes output.json (streamed past the cap), summary.json and steps/ like the CLI's --save", async () => {
    const bigOutput = JSON.stringify({ rows: Array.from({ length: 300 }, (_, i) => ({ i, v: "x".repeat(20) })) });
    const stepOutput = JSON.stringify({ page: "y".repeat(500) });
    const transport = fakeScriptum(
      [
        {
          threadId: "thr_1",
          scriptName: "big-export",
          status: ThreadStatus.COMPLETED,
          output: bigOutput,
          yields: ['{"n":1}'],
          steps: [
            { path: "1", status: StepStatus.COMPLETED, input: '{"a":1}', output: '{"ok":true}' },
            { path: "1.2", status: StepStatus.COMPLETED, input: "not json", output: stepOutput },
          ],
        },
      ],
      { outputCap: 1000, displayCap: 100 },
    );
    const client = createClient(ScriptumService, transport);
    const sink = memorySink();
    const report = await saveBundle(client, "thr_1", zipWriter(sink));
    const files = unzipSync(sink.bytes());
    const text = (name: string) => new TextDecoder().decode(files[name]);
    expect(Object.keys(files).sort()).toEqual(["output.json", "steps/1.2.json", "steps/1.2.output.json", "steps/1.json", "summary.json"]);
    expect(text("output.json")).toBe(bigOutput);
    expect(report).toMatchObject({ outputComplete: true, stepsWritten: 2, truncatedPayloads: 0 });
    const step1 = JSON.parse(text("steps/1.json")) as Record<string, unknown>;
    expect(step1).toMatchObject({ step_path: "1", input: { a: 1 }, output: { ok: true } });
    const step12 = JSON.parse(text("steps/1.2.json")) as Record<string, unknown>;
    expect(step12).toMatchObject({ input: "not json", output_truncated: true, output_file: "1.2.output.json" });
    expect(text("steps/1.2.output.json")).toBe(stepOutput);
    const summary = JSON.parse(text("summary.json")) as { thread: { thread_id: string }; steps: { step_path: string }[]; yielded_values: { value: unknown }[] };
    expect(summary.thread.thread_id).toBe("thr_1");
    expect(summary.steps.map((s) => s.step_path)).toEqual(["1", "1.2"]);
    expect(summary.yielded_values[0]?.value).toEqual({ n: 1 });
  });
});
