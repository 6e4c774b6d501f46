import { describe, expect, it } from "vitest";
import { unzipSync } from "fflate";
import { create } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import {
  GetThreadResultResponseSchema,
  ScriptumService,
  StepDetailSchema,
  StepResultMetaSchema,
  StepStatus,
  StepSummarySchema,
  StreamStepResultResponseSchema,
  ThreadSchema,
  ThreadStatus,
  type StreamStepResultResponse,
} from "../gen/dodil/scriptum/v1/scriptum_pb";
import type { ScriptumClient } from "../client";
import { fakeScriptum } from "../steps/testing/fakeScriptum";
import type { ByteSink } from "./byteSink";
import { zipWriter, type BundleWriter } from "./bundleWriter";
import { saveBundle, stepFileNames } from "./bundle";
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

/**
 * A client whose StreamStepResult makes its records one at a time, when they are asked for, and
 * counts how many step details it has handed out. Only getThread, getThreadResult and
 * streamStepResult are there (all saveBundle calls).
 */
function lazyStepClient(n: number, onRecord: (handedOut: number) => void): ScriptumClient {
  // (Uint8Array.from: jsdom's TextEncoder answers with another realm's Uint8Array.)
  const enc = { encode: (text: string) => Uint8Array.from(new TextEncoder().encode(text)) };
  let handedOut = 0;
  async function* stream(): AsyncGenerator<StreamStepResultResponse> {
    const steps = Array.from({ length: n }, (_, i) => create(StepSummarySchema, { stepPath: `1.${i}`, status: StepStatus.COMPLETED }));
    yield create(StreamStepResultResponseSchema, { record: { case: "meta", value: create(StepResultMetaSchema, { threadId: "thr_big", steps, totalSteps: BigInt(n) }) } });
    for (let i = 0; i < n; i++) {
      const value = create(StepDetailSchema, {
        stepPath: `1.${i}`,
        status: StepStatus.COMPLETED,
        inputData: enc.encode(`{"i":${i}}`),
        outputData: enc.encode(JSON.stringify({ blob: "z".repeat(2000), i })),
      });
      handedOut++;
      onRecord(handedOut);
      yield create(StreamStepResultResponseSchema, { record: { case: "step", value } });
    }
  }
  const client = {
    getThread: async () => create(ThreadSchema, { threadId: "thr_big", scriptName: "fanout", status: ThreadStatus.COMPLETED }),
    getThreadResult: async () => create(GetThreadResultResponseSchema, { outputData: enc.encode("{}"), outputTotalBytes: 2n }),
    streamStepResult: () => stream(),
  };
  return client as unknown as ScriptumClient;
}

describe("saveBundle at scale", () => {
  it("writes each step's file before it reads the next record: at most one step detail held at a time", async () => {
    const n = 5_000;
    let closedStepFiles = 0;
    let openFiles = 0;
    let maxOpenFiles = 0;
    let maxHeld = 0;
    let bytesOut = 0;
    const sink: ByteSink = { kind: "file", write: async (b) => void (bytesOut += b.length), close: async () => undefined, abort: async () => undefined };
    const zip = zipWriter(sink);
    let maxZipOpen = 0;
    // The zip, watched: how many files are open at once, and how many step files are done.
    const writer: BundleWriter = {
      kind: "zip",
      async open(path) {
        const f = await zip.open(path);
        openFiles++;
        maxOpenFiles = Math.max(maxOpenFiles, openFiles);
        return {
          write: (b) => f.write(b),
          async close() {
            await f.close();
            openFiles--;
            if (path.startsWith("steps/")) closedStepFiles++;
          },
        };
      },
      close: () => zip.close(),
      abort: () => zip.abort(),
    };
    const client = lazyStepClient(n, (handedOut) => {
      // Details handed out whose file is not written yet: the one being made now, never more.
      maxHeld = Math.max(maxHeld, handedOut - closedStepFiles);
      maxZipOpen = Math.max(maxZipOpen, zip.zip.openEntries);
    });
    const report = await saveBundle(client, "thr_big", writer);
    expect(report.stepsWritten).toBe(n);
    expect(maxHeld).toBe(1);
    expect(maxOpenFiles).toBe(1);
    expect(maxZipOpen).toBe(0);
    // Each step file (~2 KB) went out; the zip keeps ~25 bytes an entry, not the files.
    expect(bytesOut).toBeGreaterThan(n * 2000);
    expect(zip.zip.entries.count).toBe(n + 2);
    expect(zip.zip.entries.bytesHeld()).toBeLessThan(4 * 1024 * 1024);
  });

  it("the bundle of many steps unzips to summary.json with every summary and one file per step", async () => {
    const n = 2_000;
    const sink = memorySink();
    await saveBundle(lazyStepClient(n, () => undefined), "thr_big", zipWriter(sink));
    const files = unzipSync(sink.bytes());
    expect(Object.keys(files).filter((k) => k.startsWith("steps/"))).toHaveLength(n);
    const summary = JSON.parse(new TextDecoder().decode(files["summary.json"])) as { steps: { step_path: string }[] };
    expect(summary.steps).toHaveLength(n);
    expect(summary.steps[n - 1]?.step_path).toBe(`1.${n - 1}`);
    expect(JSON.parse(new TextDecoder().decode(files["steps/1.1999.json"]))).toMatchObject({ step_path: "1.1999", input: { i: 1999 } });
  });
});

describe("stepFileNames", () => {
  it("keeps plain paths as they are and makes colliding ones unique, as before", () => {
    const name = stepFileNames();
    expect(name("1.2.0")).toBe("1.2.0");
    expect(name("a b")).toBe("a_b");
    expect(name("a_b")).toBe("a_b_2");
    expect(name("a b")).toBe("a_b");
    expect(name("")).toBe("step");
    expect(name("step")).toBe("step_2");
    expect(name("1.2.0")).toBe("1.2.0");
  });
});
