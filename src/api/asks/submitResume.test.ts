import { Code, ConnectError } from "@connectrpc/connect";
import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { GetThreadResultResponseSchema, StepDetailSchema, ThreadStatus } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { createInFlightGuard } from "./inFlightGuard";
import { submitResume, type ResumeOutcome, type ResumeTarget } from "./submitResume";
import { invoiceAsk } from "./testing/askFixtures";
import { fakeClient, precondition, thread, type Handlers } from "./testing/fakeScriptum";

const target: ResumeTarget = { threadId: "t1", stepPath: "3", mode: "ask", attempt: 1 };

function setup(handlers: Handlers) {
  const guard = createInFlightGuard<ResumeOutcome>();
  return { deps: { client: fakeClient(handlers), guard }, guard };
}

describe("submitResume", () => {
  it("sends the override once and reports the resumed thread", async () => {
    const bodies: string[] = [];
    const { deps } = setup({
      resumeThread(request) {
        bodies.push(request.stepInputOverrideJson);
        return { thread: thread({ threadId: "t1", status: ThreadStatus.RUNNING }) };
      },
    });
    const outcome = await submitResume(deps, target, '{"amount":1}');
    expect(outcome).toMatchObject({ kind: "resumed", thread: { status: ThreadStatus.RUNNING } });
    expect(bodies).toEqual(['{"amount":1}']);
  });

  it("sends one request for a double click", async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const { deps } = setup({
      async resumeThread() {
        calls += 1;
        await new Promise<void>((resolve) => (release = resolve));
        return { thread: thread({ threadId: "t1", status: ThreadStatus.RUNNING }) };
      },
    });
    const first = submitResume(deps, target, "{}");
    const second = submitResume(deps, target, "{}");
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    expect(await first).toEqual(await second);
    expect(calls).toBe(1);
  });

  it("after a network error, re-reads the thread and does not resend if it moved on", async () => {
    let resumes = 0;
    let status = ThreadStatus.PAUSED;
    const { deps } = setup({
      resumeThread() {
        resumes += 1;
        status = ThreadStatus.RUNNING; // the request reached the service; the answer was lost on the way back
        throw new ConnectError("network down", Code.Unavailable);
      },
      getThread: () => thread({ threadId: "t1", status }),
    });
    expect(await submitResume(deps, target, "{}")).toMatchObject({ kind: "failed", failure: { kind: "uncertain" } });
    expect(await submitResume(deps, target, "{}")).toMatchObject({
      kind: "already-answered",
      thread: { status: ThreadStatus.RUNNING },
    });
    expect(resumes).toBe(1);
  });

  it("after a network error, retries when the thread still waits at the same attempt", async () => {
    let resumes = 0;
    const { deps } = setup({
      resumeThread() {
        resumes += 1;
        if (resumes === 1) throw new ConnectError("network down", Code.Unavailable);
        return { thread: thread({ threadId: "t1", status: ThreadStatus.RUNNING }) };
      },
      getThread: () => thread({ threadId: "t1" }),
      getThreadResult: () =>
        create(GetThreadResultResponseSchema, { stepDetails: [create(StepDetailSchema, { stepPath: "3", ask: invoiceAsk() })] }),
    });
    await submitResume(deps, target, "{}");
    expect(await submitResume(deps, target, "{}")).toMatchObject({ kind: "resumed" });
    expect(resumes).toBe(2);
  });

  it("after a network error, reports an attempt that moved on instead of resending", async () => {
    let resumes = 0;
    const { deps } = setup({
      resumeThread() {
        resumes += 1;
        throw new ConnectError("network down", Code.Unavailable);
      },
      getThread: () => thread({ threadId: "t1" }),
      getThreadResult: () =>
        create(GetThreadResultResponseSchema, {
          stepDetails: [create(StepDetailSchema, { stepPath: "3", ask: invoiceAsk({ attempt: 2 }) })],
        }),
    });
    await submitResume(deps, target, "{}");
    expect(await submitResume(deps, target, "{}")).toEqual({ kind: "attempt-moved-on" });
    expect(resumes).toBe(1);
  });

  it("keeps the outcome uncertain while the service stays unreachable", async () => {
    let resumes = 0;
    const { deps, guard } = setup({
      resumeThread() {
        resumes += 1;
        throw new ConnectError("network down", Code.Unavailable);
      },
      getThread() {
        throw new ConnectError("network down", Code.Unavailable);
      },
    });
    await submitResume(deps, target, "{}");
    expect(await submitResume(deps, target, "{}")).toMatchObject({ kind: "failed", failure: { kind: "uncertain" } });
    expect(await submitResume(deps, target, "{}")).toMatchObject({ kind: "failed", failure: { kind: "uncertain" } });
    expect(resumes).toBe(1);
    expect(guard.isUncertain("t1|3|ask|1")).toBe(true);
  });

  it("turns THREAD_NOT_PAUSED into 'already answered' with the thread's status", async () => {
    const { deps } = setup({
      resumeThread() {
        throw precondition("THREAD_NOT_PAUSED", "thread t1 is not paused");
      },
      getThread: () => thread({ threadId: "t1", status: ThreadStatus.COMPLETED }),
    });
    expect(await submitResume(deps, target, "{}")).toMatchObject({
      kind: "already-answered",
      thread: { status: ThreadStatus.COMPLETED },
    });
  });

  it("recovery: a failed thread that failed again since the form opened counts as retried", async () => {
    let resumes = 0;
    const recovery: ResumeTarget = { threadId: "t1", stepPath: "1.2.0", mode: "recovery", attempt: 0, failedAtMs: 100n };
    const { deps } = setup({
      resumeThread() {
        resumes += 1;
        throw new ConnectError("network down", Code.Unavailable);
      },
      getThread: () => thread({ threadId: "t1", status: ThreadStatus.FAILED, currentStepPath: "1.2.0", finishedAtMs: 200n }),
    });
    await submitResume(deps, recovery, "{}");
    expect(await submitResume(deps, recovery, "{}")).toMatchObject({ kind: "already-answered" });
    expect(resumes).toBe(1);
  });
});
