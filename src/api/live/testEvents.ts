// Builders of WatchThread events and threads for the live engine's tests.
import { create } from "@bufbuild/protobuf";
import {
  ThreadSchema,
  ThreadStatus,
  WatchThreadResponseSchema,
  type Thread,
  type WatchThreadResponse,
} from "../gen/dodil/scriptum/v1/scriptum_pb";

type EventInit = NonNullable<Parameters<typeof create<typeof WatchThreadResponseSchema>>[1]>;

export function ev(sequence: number, event: EventInit["event"], threadId = "thr_1"): WatchThreadResponse {
  return create(WatchThreadResponseSchema, {
    sequence: BigInt(sequence),
    occurredAtMs: BigInt(1_700_000_000_000 + sequence * 1000),
    threadId,
    event,
  });
}

export const started = (seq: number, totalSteps = 5) => ev(seq, { case: "threadStarted", value: { totalSteps } });
export const stepStarted = (seq: number, stepPath: string, primitive = "task", name = `step ${stepPath}`) =>
  ev(seq, { case: "stepStarted", value: { stepPath, name, primitive } });
export const stepCompleted = (seq: number, stepPath: string) =>
  ev(seq, { case: "stepCompleted", value: { stepPath, durationMs: 10n } });
export const stepFailed = (seq: number, stepPath: string, error = "boom", recoverable = false) =>
  ev(seq, { case: "stepFailed", value: { stepPath, error, recoverable } });
export const yielded = (seq: number, index: number, json: unknown) =>
  ev(seq, {
    case: "valueYielded",
    value: { value: { index: BigInt(index), stepPath: "2", valueData: new TextEncoder().encode(JSON.stringify(json)) } },
  });
export const completed = (seq: number) => ev(seq, { case: "threadCompleted", value: { outputTotalBytes: 3n } });
export const failed = (seq: number, error = "it broke") => ev(seq, { case: "threadFailed", value: { error, stepPath: "1.2.0" } });
export const cancelled = (seq: number) => ev(seq, { case: "threadCancelled", value: { reason: "by user" } });
export const paused = (seq: number, stepPath = "3") =>
  ev(seq, { case: "threadPaused", value: { stepPath, stepName: "approve-amount" } });

export function thread(status: ThreadStatus, init: Partial<Omit<Thread, "$typeName">> = {}): Thread {
  return create(ThreadSchema, {
    threadId: "thr_1",
    scriptName: "invoice-parser",
    version: 1,
    status,
    createdAtMs: 1_700_000_000_000n,
    ...init,
  });
}

/** The invoice-parser run up to its ask step, as the service sends it today (no ThreadPaused). */
export function invoiceRunToAsk(): WatchThreadResponse[] {
  return [
    started(1, 6),
    stepStarted(2, "1"),
    stepCompleted(3, "1"),
    stepStarted(4, "2"),
    stepStarted(5, "2.0"),
    stepCompleted(6, "2.0"),
    stepStarted(7, "2.1"),
    yielded(8, 0, { line: 1 }),
    stepCompleted(9, "2.1"),
    stepCompleted(10, "2"),
    stepStarted(11, "3", "ask", "approve-amount"),
  ];
}
