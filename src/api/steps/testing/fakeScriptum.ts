// An in-memory Scriptum for tests (real handlers behind createRouterTransport, no module mocks):
// threads with steps, payloads truncated for display and chunked like the service does today.
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createRouterTransport, type Transport } from "@connectrpc/connect";
import {
  ScriptumService,
  StepDetailSchema,
  StepStatus,
  StepSummarySchema,
  ThreadSchema,
  ThreadStatus,
  WatchThreadResponseSchema,
  type StepDetail,
  type StepSummary,
  type Thread,
  type WatchThreadResponse,
} from "../../gen/dodil/scriptum/v1/scriptum_pb";

export interface FakeStep {
  path: string;
  name?: string;
  primitive?: string;
  tool?: string;
  status: StepStatus;
  error?: string;
  input?: string;
  output?: string;
  attempt?: number;
  recoverable?: boolean;
  startedAtMs?: number;
  finishedAtMs?: number;
  logsUrl?: string;
}

export interface FakeThread {
  threadId: string;
  scriptName: string;
  status: ThreadStatus;
  error?: string;
  createdAtMs?: number;
  steps: FakeStep[];
  output?: string;
  yields?: string[];
}

export interface FakeOptions {
  /** GetThreadResult output cap (the service: ~4 MiB). */
  outputCap?: number;
  /** Step payload display cap (the service: 64 KiB). */
  displayCap?: number;
  /** Events WatchThread replays (then it ends). */
  events?: (threadId: string) => WatchThreadResponse[];
  /** Called for every RPC, by name. */
  onCall?: (method: string, request: unknown) => void;
}

const enc = new TextEncoder();

export function summaryOf(s: FakeStep): StepSummary {
  return create(StepSummarySchema, {
    stepPath: s.path,
    name: s.name ?? `step-${s.path}`,
    primitive: s.primitive ?? "tool",
    tool: s.tool ?? "http.get",
    status: s.status,
    attempt: s.attempt ?? 1,
    startedAtMs: BigInt(s.startedAtMs ?? 1_700_000_000_000),
    finishedAtMs: BigInt(s.finishedAtMs ?? (s.status === StepStatus.RUNNING ? 0 : 1_700_000_001_000)),
    durationMs: BigInt(s.status === StepStatus.RUNNING ? 0 : 1000),
    error: s.error ?? "",
  });
}

export function detailOf(s: FakeStep, cap: number): StepDetail {
  const input = enc.encode(s.input ?? "{}");
  const output = enc.encode(s.output ?? "");
  const { $typeName: _t, ...sum } = summaryOf(s);
  return create(StepDetailSchema, {
    ...sum,
    inputData: input.slice(0, cap),
    outputData: output.slice(0, cap),
    inputTruncated: input.length > cap,
    outputTruncated: output.length > cap,
    inputTotalBytes: BigInt(input.length),
    outputTotalBytes: BigInt(output.length),
    executionId: `exec-${s.path}`,
    logsUrl: s.logsUrl ?? "",
    recoverable: s.recoverable ?? false,
  });
}

function threadOf(t: FakeThread): Thread {
  return create(ThreadSchema, {
    threadId: t.threadId,
    scriptName: t.scriptName,
    version: 1,
    status: t.status,
    error: t.error ?? "",
    totalSteps: t.steps.length,
    createdAtMs: BigInt(t.createdAtMs ?? 1_700_000_000_000),
    startedAtMs: BigInt(t.createdAtMs ?? 1_700_000_000_000),
    finishedAtMs: BigInt((t.createdAtMs ?? 1_700_000_000_000) + 5000),
  });
}

export function fakeScriptum(threads: FakeThread[], options: FakeOptions = {}): Transport {
  const outputCap = options.outputCap ?? 4 * 1024 * 1024;
  const displayCap = options.displayCap ?? 64 * 1024;
  const find = (id: string): FakeThread => {
    const t = threads.find((x) => x.threadId === id);
    if (t === undefined) throw new ConnectError(`thread ${id} not found`, Code.NotFound);
    return t;
  };
  const call = (m: string, r: unknown) => options.onCall?.(m, r);
  return createRouterTransport(({ service }) => {
    service(ScriptumService, {
      getThread: (req) => {
        call("getThread", req);
        return threadOf(find(req.threadId));
      },
      listThreads: (req) => {
        call("listThreads", req);
        const all = threads
          .filter((t) => req.scriptNameFilter === "" || t.scriptName === req.scriptNameFilter)
          .filter((t) => req.statusFilter === ThreadStatus.UNSPECIFIED || t.status === req.statusFilter)
          .sort((a, b) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0));
        const size = req.pageSize || 50;
        const start = req.pageToken === "" ? 0 : Number(req.pageToken);
        const page = all.slice(start, start + size);
        const next = start + size < all.length ? String(start + size) : "";
        return { threads: page.map(threadOf), nextPageToken: next };
      },
      getThreadResult: (req) => {
        call("getThreadResult", req);
        const t = find(req.threadId);
        const out = enc.encode(t.output ?? "");
        let details: StepDetail[] = [];
        if (req.stepPath !== "") {
          const s = t.steps.find((x) => x.path === req.stepPath);
          if (s === undefined) throw new ConnectError(`step ${req.stepPath} not found`, Code.NotFound);
          details = [detailOf(s, displayCap)];
        }
        const yields = t.yields ?? [];
        return {
          threadId: t.threadId,
          status: t.status,
          outputData: req.metadataOnly ? new Uint8Array(0) : out.slice(0, outputCap),
          outputTotalBytes: BigInt(out.length),
          outputTruncated: out.length > outputCap,
          steps: req.outputOnly ? [] : t.steps.map(summaryOf),
          stepDetails: details,
          yieldedValues: yields.map((y, i) => ({ index: BigInt(i), stepPath: "1", valueData: enc.encode(y) })),
          totalYielded: BigInt(yields.length),
          totalSteps: BigInt(t.steps.length),
        };
      },
      async *streamThreadResult(req) {
        call("streamThreadResult", req);
        const t = find(req.threadId);
        const out = enc.encode(t.output ?? "");
        const size = Number(req.maxChunkBytes) || 1024;
        yield { chunk: { case: "meta", value: { threadId: t.threadId, totalBytes: BigInt(out.length), contentType: "application/json", status: t.status } } };
        const n = Math.max(1, Math.ceil(out.length / size));
        for (let i = 0; i < n; i++) {
          yield { chunk: { case: "data", value: { chunkIndex: BigInt(i), data: out.slice(i * size, (i + 1) * size), isFinal: i === n - 1 } } };
        }
      },
      async *streamStepResult(req) {
        call("streamStepResult", req);
        const t = find(req.threadId);
        const steps = req.stepPath === "" ? t.steps : t.steps.filter((s) => s.path === req.stepPath);
        if (req.stepPath !== "" && steps.length === 0) throw new ConnectError(`step ${req.stepPath} not found`, Code.NotFound);
        yield { record: { case: "meta", value: { threadId: t.threadId, steps: steps.map(summaryOf), totalSteps: BigInt(steps.length) } } };
        for (const s of steps) yield { record: { case: "step", value: detailOf(s, displayCap) } };
        const size = Math.max(1, Number(req.maxChunkBytes) || 1024);
        for (const s of steps) {
          const out = enc.encode(s.output ?? "");
          if (out.length <= displayCap) continue;
          const n = Math.ceil(out.length / size);
          for (let i = 0; i < n; i++) {
            yield {
              record: {
                case: "chunk",
                value: { stepPath: s.path, field: "output", chunkIndex: BigInt(i), data: out.slice(i * size, (i + 1) * size), isFinal: i === n - 1, totalBytes: BigInt(out.length) },
              },
            };
          }
        }
      },
      async *watchThread(req) {
        call("watchThread", req);
        find(req.threadId);
        for (const ev of options.events?.(req.threadId) ?? []) yield ev;
      },
      async *watchStep(req) {
        call("watchStep", req);
        find(req.threadId);
        yield* [];
      },
      listArtifacts: (req) => {
        call("listArtifacts", req);
        throw new ConnectError("ListArtifacts is not implemented", Code.Unimplemented);
      },
    });
  });
}

type EventInit = NonNullable<Parameters<typeof create<typeof WatchThreadResponseSchema>>[1]>["event"];

export function watchEvent(seq: number, event: EventInit): WatchThreadResponse {
  return create(WatchThreadResponseSchema, { sequence: BigInt(seq), occurredAtMs: BigInt(1_700_000_000_000 + seq), event });
}
