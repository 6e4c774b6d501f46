// A small stateful ScriptumService for component tests: paused invoice-parser threads with asks,
// failed recoverable threads, and ResumeThread with the sandbox's rules (field violations use an
// attempt; expired, out of attempts and not paused are FAILED_PRECONDITION with ErrorInfo).
// Real Connect handlers behind createRouterTransport; tests can hold or fail the next resume.
import { create, toJsonString } from "@bufbuild/protobuf";
import { Code, ConnectError, createRouterTransport, type Transport } from "@connectrpc/connect";
import {
  AskSpecSchema,
  GetThreadResultResponseSchema,
  ScriptumService,
  StepDetailSchema,
  StepStatus,
  ThreadSchema,
  ThreadStatus,
  type AskSpec,
  type Thread,
} from "../../gen/dodil/scriptum/v1/scriptum_pb";
import { badRequest, precondition } from "./fakeScriptum";

type FakeThread = {
  thread: Thread;
  ask: AskSpec | null;
  /** Put the ask in input_data only (no StepDetail.ask), like a service without the field. */
  askInInputOnly: boolean;
  recoverable: { stepPath: string; input: Record<string, unknown>; error: string } | null;
  answers: string[];
};

export type ResumeHook = (threadId: string, body: string) => Promise<void> | void;

export class FakeApprovalsService {
  readonly threads = new Map<string, FakeThread>();
  readonly calls: { method: string; threadId: string; body?: string }[] = [];
  /** Runs before each ResumeThread is applied: hold it on a promise, or throw to fail it. */
  beforeResume: ResumeHook | null = null;
  pageSize = 2;

  addPaused(threadId: string, ask: AskSpec, options: { startedAtMs?: bigint; askInInputOnly?: boolean } = {}): void {
    this.threads.set(threadId, {
      thread: create(ThreadSchema, {
        threadId,
        scriptName: "invoice-parser",
        status: ThreadStatus.PAUSED,
        currentStepPath: "3",
        currentStepName: "approve-amount",
        createdAtMs: options.startedAtMs ?? 1_000n,
        startedAtMs: options.startedAtMs ?? 1_000n,
      }),
      ask,
      askInInputOnly: options.askInInputOnly ?? false,
      recoverable: null,
      answers: [],
    });
  }

  addFailedRecoverable(threadId: string, stepPath: string, input: Record<string, unknown>): void {
    this.threads.set(threadId, {
      thread: create(ThreadSchema, {
        threadId,
        scriptName: "flaky-report",
        status: ThreadStatus.FAILED,
        currentStepPath: stepPath,
        error: "page size A5 is not supported by the renderer",
        createdAtMs: 1_000n,
        finishedAtMs: 5_000n,
      }),
      ask: null,
      askInInputOnly: false,
      recoverable: { stepPath, input, error: "page size A5 is not supported by the renderer" },
      answers: [],
    });
  }

  get(threadId: string): FakeThread {
    const entry = this.threads.get(threadId);
    if (entry === undefined) throw new ConnectError(`thread ${threadId} not found`, Code.NotFound);
    return entry;
  }

  resumeCalls(): { threadId: string; body?: string }[] {
    return this.calls.filter((call) => call.method === "resume");
  }

  transport(): Transport {
    return createRouterTransport((router) =>
      router.service(ScriptumService, {
        listThreads: (request) => {
          this.calls.push({ method: "listThreads", threadId: "" });
          // Newest first; the last page hands back the request's own token (the real service's quirk).
          const all = [...this.threads.values()]
            .map((entry) => entry.thread)
            .filter((thread) => request.statusFilter === ThreadStatus.UNSPECIFIED || thread.status === request.statusFilter);
          const start = request.pageToken === "" ? 0 : Number(request.pageToken.replace("p", ""));
          const page = all.slice(start, start + this.pageSize);
          const more = start + this.pageSize < all.length;
          return { threads: page, nextPageToken: more ? `p${start + this.pageSize}` : request.pageToken };
        },
        getThread: (request) => {
          this.calls.push({ method: "getThread", threadId: request.threadId });
          return this.get(request.threadId).thread;
        },
        getThreadResult: (request) => {
          this.calls.push({ method: "getThreadResult", threadId: request.threadId });
          const entry = this.get(request.threadId);
          const details = [];
          if (entry.ask !== null && request.stepPath === "3") {
            details.push(
              create(StepDetailSchema, {
                stepPath: "3",
                name: "approve-amount",
                primitive: "ask",
                status: entry.thread.status === ThreadStatus.PAUSED ? StepStatus.WAITING : StepStatus.COMPLETED,
                startedAtMs: entry.thread.startedAtMs,
                ask: entry.askInInputOnly ? undefined : entry.ask,
                inputData: new TextEncoder().encode(toJsonString(AskSpecSchema, entry.ask)),
              }),
            );
          }
          const recoverable = entry.recoverable;
          if (recoverable !== null && request.stepPath === recoverable.stepPath) {
            details.push(
              create(StepDetailSchema, {
                stepPath: recoverable.stepPath,
                name: "render-pdf",
                status: StepStatus.FAILED,
                error: recoverable.error,
                recoverable: entry.thread.status === ThreadStatus.FAILED,
                inputData: new TextEncoder().encode(JSON.stringify(recoverable.input)),
              }),
            );
          }
          return create(GetThreadResultResponseSchema, { threadId: request.threadId, status: entry.thread.status, stepDetails: details });
        },
        resumeThread: async (request) => {
          this.calls.push({ method: "resume", threadId: request.threadId, body: request.stepInputOverrideJson });
          if (this.beforeResume !== null) await this.beforeResume(request.threadId, request.stepInputOverrideJson);
          return { thread: this.applyResume(request.threadId, request.stepInputOverrideJson) };
        },
      }),
    );
  }

  private applyResume(threadId: string, body: string): Thread {
    const entry = this.get(threadId);
    const thread = entry.thread;
    if (thread.status === ThreadStatus.FAILED && entry.recoverable !== null) {
      entry.answers.push(body);
      entry.thread = create(ThreadSchema, { ...thread, status: ThreadStatus.RUNNING, error: "", finishedAtMs: 0n });
      return entry.thread;
    }
    if (thread.status !== ThreadStatus.PAUSED || entry.ask === null) {
      throw precondition("THREAD_NOT_PAUSED", `thread ${threadId} is not paused`);
    }
    const ask = entry.ask;
    if (ask.expiresAtMs > 0n && BigInt(Date.now()) >= ask.expiresAtMs) {
      entry.thread = create(ThreadSchema, { ...thread, status: ThreadStatus.FAILED, error: "ask at step 3 expired" });
      throw precondition("ASK_EXPIRED", `ask at step 3 of thread ${threadId} expired; the thread failed`);
    }
    const answer = JSON.parse(body) as Record<string, unknown>;
    const amount = answer.amount;
    if (typeof amount === "number" && amount <= 0) {
      entry.ask = create(AskSpecSchema, { ...ask, attempt: ask.attempt + 1 });
      throw badRequest([{ field: "amount", description: "must be greater than 0" }]);
    }
    entry.answers.push(body);
    entry.thread = create(ThreadSchema, { ...thread, status: ThreadStatus.RUNNING, currentStepPath: "4" });
    return entry.thread;
  }

  /** Someone else answers the ask (another page, another person). */
  answerElsewhere(threadId: string): void {
    const entry = this.get(threadId);
    entry.thread = create(ThreadSchema, { ...entry.thread, status: ThreadStatus.COMPLETED, currentStepPath: "4" });
  }
}
