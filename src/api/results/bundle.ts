// "Save bundle", the browser twin of the CLI's `--save`: output.json (the full output, streamed
// when the unary result is truncated), summary.json (the thread, its step summaries and yields)
// and steps/ with one file per step's detail. Payloads the service chunks are written next to
// the step's file as steps/<path>.<field>.json, streamed in chunk order.
import { toJson, type JsonValue } from "@bufbuild/protobuf";
import {
  StepDetailSchema,
  StepSummarySchema,
  ThreadSchema,
  YieldedValueSchema,
  type StepDetail,
  type StepSummary,
  type Thread,
} from "../gen/dodil/scriptum/v1/scriptum_pb";
import { assertNever } from "../../assertNever";
import type { ScriptumClient } from "../client";
import { ChunkAssembler } from "../steps/chunkAssembler";
import { SAFE_NAME_MAX, safeFileName } from "./byteSink";
import type { BundleWriter, FileWriter } from "./bundleWriter";
import { streamThreadOutput } from "./outputStream";

export interface BundleProgress {
  phase: "output" | "steps" | "summary" | "done";
  outputBytes: number;
  outputTotalBytes: number;
  stepsWritten: number;
  totalSteps: number;
}

export interface BundleReport {
  outputBytes: number;
  outputComplete: boolean;
  stepsWritten: number;
  /** Step payloads that stayed truncated (the service chunks only outputs today). */
  truncatedPayloads: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A payload as JSON when it parses, else as a string. */
export function payloadJson(bytes: Uint8Array): JsonValue {
  const text = dec.decode(bytes);
  if (text === "") return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** One step's file: the detail in proto field names, payloads decoded, chunked ones referenced. */
export function stepDetailJson(d: StepDetail, fileOf: (field: "input" | "output") => string): JsonValue {
  const base = toJson(StepDetailSchema, d, { useProtoFieldName: true }) as Record<string, JsonValue>;
  delete base["input_data"];
  delete base["output_data"];
  base["input"] = payloadJson(d.inputData);
  base["output"] = payloadJson(d.outputData);
  if (d.inputTruncated) base["input_file"] = fileOf("input");
  if (d.outputTruncated) base["output_file"] = fileOf("output");
  return base;
}

export function bundleFolderName(threadId: string): string {
  return safeFileName(threadId, "thread");
}

export async function saveBundle(
  client: ScriptumClient,
  threadId: string,
  writer: BundleWriter,
  options: { signal?: AbortSignal; onProgress?: (p: BundleProgress) => void } = {},
): Promise<BundleReport> {
  const { signal } = options;
  const call = signal ? { signal } : {};
  const progress: BundleProgress = { phase: "output", outputBytes: 0, outputTotalBytes: 0, stepsWritten: 0, totalSteps: 0 };
  const report = () => options.onProgress?.({ ...progress });
  const [thread, result] = await Promise.all([
    client.getThread({ threadId }, call),
    client.getThreadResult({ threadId, outputOnly: true }, call),
  ]);
  progress.outputTotalBytes = Number(result.outputTotalBytes);
  report();

  // output.json
  let outputComplete = true;
  const out = await writer.open("output.json");
  if (!result.outputTruncated) {
    await out.write(result.outputData);
    progress.outputBytes = result.outputData.length;
  } else {
    const r = await streamThreadOutput(client, threadId, (b) => out.write(b), {
      ...(signal ? { signal } : {}),
      onProgress: (p) => {
        progress.outputBytes = p.writtenBytes;
        if (p.totalBytes > 0) progress.outputTotalBytes = p.totalBytes;
        report();
      },
    });
    outputComplete = r.complete;
  }
  await out.close();

  // summary.json as soon as the meta (every step summary) arrives, then steps/: each step's file
  // is written as its record comes and nothing of it is kept, so memory stays bounded whatever
  // the number of steps (the summaries are let go once summary.json is written).
  progress.phase = "steps";
  report();
  const fileBase = stepFileNames();
  let summaryWritten = false;
  const writeSummary = async (summaries: readonly StepSummary[]) => {
    summaryWritten = true;
    const phase = progress.phase;
    progress.phase = "summary";
    report();
    await writeSummaryFile(writer, thread, result, summaries);
    progress.phase = phase;
    report();
  };
  let truncatedPayloads = 0;
  const sidecars = new Map<string, { asm: ChunkAssembler; file: FileWriter }>();
  const pause = breather();
  for await (const res of client.streamStepResult({ threadId, maxChunkBytes: 1n << 20n }, call)) {
    await pause();
    const r = res.record;
    switch (r.case) {
      case "meta":
        progress.totalSteps = Math.max(r.value.steps.length, Number(r.value.totalSteps));
        if (!summaryWritten) await writeSummary(r.value.steps);
        break;
      case "step": {
        if (!summaryWritten) await writeSummary([]);
        const d = r.value;
        const name = fileBase(d.stepPath);
        const json = stepDetailJson(d, (field) => `${name}.${field}.json`);
        if (d.inputTruncated) truncatedPayloads++;
        if (d.outputTruncated) truncatedPayloads++;
        const f = await writer.open(`steps/${name}.json`);
        await f.write(enc.encode(`${JSON.stringify(json, null, 2)}\n`));
        await f.close();
        progress.stepsWritten++;
        if (progress.stepsWritten % 200 === 0) report();
        break;
      }
      case "chunk": {
        if (!summaryWritten) await writeSummary([]);
        const c = r.value;
        const key = `${c.stepPath}\u0000${c.field}`;
        let side = sidecars.get(key);
        if (side === undefined) {
          const field = c.field === "input" ? "input" : "output";
          side = { asm: new ChunkAssembler(), file: await writer.open(`steps/${fileBase(c.stepPath)}.${field}.json`) };
          sidecars.set(key, side);
        }
        side.asm.add(Number(c.chunkIndex), c.data, c.isFinal);
        for (const piece of side.asm.take()) await side.file.write(piece);
        if (side.asm.progress().complete) {
          await side.file.close();
          sidecars.delete(key);
          truncatedPayloads--;
        }
        break;
      }
      case undefined:
        break;
      default:
        assertNever(r, "step stream record");
    }
  }
  for (const side of sidecars.values()) await side.file.close();
  if (!summaryWritten) await writeSummary([]);
  await writer.close();
  progress.phase = "done";
  report();
  return { outputBytes: progress.outputBytes, outputComplete, stepsWritten: progress.stepsWritten, truncatedPayloads };
}

/** The longest the save works before it lets the page handle input and paint. */
const BUSY_MS = 40;

/**
 * A step stream that is already buffered is read in microtasks only, so without a pause the save
 * would keep the page busy for many seconds (a 100,000-step bundle: ~12 s with no input handled).
 * The returned function yields to the event loop (a MessageChannel task, not a clamped timer)
 * once BUSY_MS have passed since the last pause.
 */
export function breather(busyMs = BUSY_MS): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < busyMs) return;
    await new Promise<void>((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(null);
    });
    since = performance.now();
  };
}

const FALLBACK_NAME = "step";

/**
 * The file name (without .json) of each step: its path made safe (safeFileName), with _2, _3, …
 * when two paths come out the same. Only names that can collide are remembered: a rewritten or
 * suffixed name always holds "_" or is cut at SAFE_NAME_MAX characters (or is the fallback "step"),
 * so a path that is already a safe name without "_" (every "1.2.0" path) is its own name and is not kept: a million steps cost
 * nothing here.
 */
export function stepFileNames(): (path: string) => string {
  const names = new Map<string, string>();
  const used = new Set<string>();
  return (path) => {
    const known = names.get(path);
    if (known !== undefined) return known;
    const base = safeFileName(path, FALLBACK_NAME);
    if (base === path && base.length < SAFE_NAME_MAX && !base.includes("_") && base !== FALLBACK_NAME) return base;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    names.set(path, name);
    used.add(name);
    return name;
  };
}

/** summary.json, written in pieces (a million summaries are a big file). */
async function writeSummaryFile(writer: BundleWriter, thread: Thread, result: Parameters<typeof summaryHead>[1], summaries: readonly StepSummary[]): Promise<void> {
  const s = await writer.open("summary.json");
  await s.write(enc.encode(summaryHead(thread, result)));
  const pause = breather();
  for (let i = 0; i < summaries.length; i += 1000) {
    await pause();
    const batch = summaries
      .slice(i, i + 1000)
      .map((x) => `    ${JSON.stringify(toJson(StepSummarySchema, x, { useProtoFieldName: true }))}`)
      .join(",\n");
    await s.write(enc.encode(`${i === 0 ? "" : ",\n"}${batch}`));
  }
  await s.write(enc.encode("\n  ]\n}\n"));
  await s.close();
}

function summaryHead(thread: Thread, result: { outputTotalBytes: bigint; totalYielded: bigint; yieldsTruncated: boolean; yieldedValues: Parameters<typeof yieldJson>[0][] }): string {
  const head = {
    saved_by: "scriptum-console",
    saved_at_ms: String(Date.now()),
    thread: toJson(ThreadSchema, thread, { useProtoFieldName: true }),
    output_total_bytes: String(result.outputTotalBytes),
    total_yielded: String(result.totalYielded),
    yields_truncated: result.yieldsTruncated,
    yielded_values: result.yieldedValues.map(yieldJson),
  };
  const text = JSON.stringify(head, null, 2);
  return `${text.slice(0, text.lastIndexOf("}")).trimEnd()},\n  "steps": [\n`;
}

function yieldJson(v: Parameters<typeof toJson<typeof YieldedValueSchema>>[1]): JsonValue {
  const j = toJson(YieldedValueSchema, v, { useProtoFieldName: true }) as Record<string, JsonValue>;
  delete j["value_data"];
  j["value"] = payloadJson(v.valueData);
  return j;
}
