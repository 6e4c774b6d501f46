import { Code, ConnectError } from "@connectrpc/connect";
import { afterEach, describe, expect, it } from "vitest";
import { ThreadStatus, StepStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { BadRequestSchema, ErrorInfoSchema } from "../../src/api/gen/google/rpc/error_details_pb.js";
import { collectWatch, sequences, startHarness, waitForThread, type Harness } from "./testing/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.sandbox.close();
  h = undefined;
});

async function pausedInvoice(harness: Harness, input: Record<string, unknown> = { invoice_id: "INV-42" }) {
  const t = await harness.client.createThread({ scriptName: "invoice-parser", inputJson: JSON.stringify(input) });
  expect(t.status).toBe(ThreadStatus.PENDING);
  return waitForThread(harness.client, t.threadId, (s) => s === ThreadStatus.PAUSED);
}

async function rejection(p: Promise<unknown>): Promise<ConnectError> {
  try {
    await p;
  } catch (e) {
    return ConnectError.from(e);
  }
  throw new Error("expected the call to fail");
}

describe("invoice-parser", () => {
  it("reaches the ask, and completes with exactly the answered output after a valid resume", async () => {
    h = await startHarness();
    const t = await pausedInvoice(h);
    expect(t.currentStepPath).toBe("3");
    const result = await h.client.getThreadResult({ threadId: t.threadId, stepPath: "3" });
    const ask = result.stepDetails[0];
    expect(ask?.status).toBe(StepStatus.WAITING);
    expect(ask?.ask?.fields.map((f) => f.name)).toEqual(["approved", "amount", "currency", "note"]);
    expect(ask?.ask?.enums[0]?.values).toEqual(["USD", "EUR", "GBP"]);
    expect(ask?.ask?.attempt).toBe(1);
    expect(ask?.ask?.maxAttempts).toBe(3);
    expect(Number(ask?.ask?.expiresAtMs)).toBeGreaterThan(Date.now() + 86_000_000);
    // The same AskSpec as proto JSON in input_data.
    const inputJson = JSON.parse(Buffer.from(ask?.inputData ?? new Uint8Array()).toString()) as { prompt: string; maxAttempts: number };
    expect(inputJson.prompt).toContain("INV-42");
    expect(inputJson.maxAttempts).toBe(3);
    expect(result.totalYielded).toBeGreaterThanOrEqual(3n);

    const resumed = await h.client.resumeThread({ threadId: t.threadId, stepInputOverrideJson: '{"approved": true, "amount": 42.5, "currency": "EUR"}' });
    expect(resumed.thread?.status).toBe(ThreadStatus.RUNNING);
    const watch = await collectWatch(h.client, t.threadId);
    expect(watch.closed).toBe(true);
    expect(watch.messages.at(-1)?.event.case).toBe("threadCompleted");
    // today: ThreadPaused is stored (it takes a sequence) but not forwarded: a gap.
    expect(watch.messages.some((m) => m.event.case === "threadPaused")).toBe(false);
    const seqs = sequences(watch.messages);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs.length).toBe(seqs[seqs.length - 1]! - 1);
    const final = await h.client.getThreadResult({ threadId: t.threadId });
    expect(JSON.parse(Buffer.from(final.outputData).toString())).toEqual({ invoice_id: "INV-42", amount: 42.5, currency: "EUR", posted: true });
    expect(final.steps.map((s) => s.stepPath)).toEqual(["1", "2", "2.0", "2.1", "2.2", "3", "4"]);
    expect(final.steps.every((s) => s.status === StepStatus.COMPLETED)).toBe(true);
  });

  it("rejects a bad answer with a BadRequest naming each field, and uses an attempt", async () => {
    h = await startHarness();
    const t = await pausedInvoice(h);
    const err = await rejection(
      h.client.resumeThread({ threadId: t.threadId, stepInputOverrideJson: '{"approved": "yes", "amount": 1, "currency": "JPY", "colour": 1}' }),
    );
    expect(err.code).toBe(Code.InvalidArgument);
    const violations = err.findDetails(BadRequestSchema)[0]?.fieldViolations ?? [];
    expect(violations.map((v) => [v.field, v.description])).toEqual([
      ["approved", "must be true or false"],
      ["currency", "must be one of USD, EUR, GBP"],
      ["colour", "is not a field of this ask"],
    ]);
    const missing = await rejection(h.client.resumeThread({ threadId: t.threadId, stepInputOverrideJson: '{"approved": true}' }));
    expect(missing.findDetails(BadRequestSchema)[0]?.fieldViolations.map((v) => v.field)).toEqual(["amount", "currency"]);
    const detail = await h.client.getThreadResult({ threadId: t.threadId, stepPath: "3" });
    expect(detail.stepDetails[0]?.ask?.attempt).toBe(3);
    expect((await h.client.getThread({ threadId: t.threadId })).status).toBe(ThreadStatus.PAUSED);
  });

  it("fails the thread when the last attempt is rejected, then refuses with ASK_NO_ATTEMPTS_LEFT", async () => {
    h = await startHarness();
    const t = await pausedInvoice(h);
    for (let i = 0; i < 3; i++) {
      const e = await rejection(h.client.resumeThread({ threadId: t.threadId, stepInputOverrideJson: "[1]" }));
      expect(e.code).toBe(Code.InvalidArgument);
    }
    const failed = await h.client.getThread({ threadId: t.threadId });
    expect(failed.status).toBe(ThreadStatus.FAILED);
    expect(failed.error).toBe("ask at step 3 ran out of attempts");
    const refused = await rejection(h.client.resumeThread({ threadId: t.threadId, stepInputOverrideJson: '{"approved":true,"amount":1,"currency":"USD"}' }));
    expect(refused.code).toBe(Code.FailedPrecondition);
    expect(refused.findDetails(ErrorInfoSchema)[0]).toMatchObject({ reason: "ASK_NO_ATTEMPTS_LEFT", domain: "scriptum.dodil.io" });
  });

  it("fails an ask by timer when it expires; a later resume answers ASK_EXPIRED", async () => {
    h = await startHarness();
    const t = await pausedInvoice(h, { invoice_id: "INV-7", ask_expires_in_s: 0.3 });
    const failed = await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.FAILED, 5000);
    expect(failed.error).toBe("ask at step 3 expired");
    const refused = await rejection(h.client.resumeThread({ threadId: t.threadId, stepInputOverrideJson: '{"approved":true,"amount":1,"currency":"USD"}' }));
    expect(refused.code).toBe(Code.FailedPrecondition);
    expect(refused.findDetails(ErrorInfoSchema)[0]?.reason).toBe("ASK_EXPIRED");
    const watch = await collectWatch(h.client, t.threadId);
    expect(watch.closed).toBe(true);
    expect(watch.messages.at(-1)?.event.case).toBe("threadFailed");
  });

  it("refuses to resume a thread that is not paused with THREAD_NOT_PAUSED", async () => {
    h = await startHarness({ speed: 1 });
    const t = await h.client.createThread({ scriptName: "invoice-parser", inputJson: '{"invoice_id":"INV-1"}' });
    await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.RUNNING);
    const refused = await rejection(h.client.resumeThread({ threadId: t.threadId, stepInputOverrideJson: "{}" }));
    expect(refused.code).toBe(Code.FailedPrecondition);
    expect(refused.message).toContain(`thread ${t.threadId} is not paused (status: running)`);
    expect(refused.findDetails(ErrorInfoSchema)[0]?.reason).toBe("THREAD_NOT_PAUSED");
  });

  it("validates CreateThread: unknown script, malformed JSON, contract violations, versions", async () => {
    h = await startHarness();
    expect((await rejection(h.client.createThread({ scriptName: "nope" }))).code).toBe(Code.NotFound);
    expect((await rejection(h.client.createThread({ scriptName: "invoice-parser", inputJson: "{" }))).code).toBe(Code.InvalidArgument);
    const bad = await rejection(h.client.createThread({ scriptName: "invoice-parser", inputJson: '{"invoice_id": 42}' }));
    expect(bad.code).toBe(Code.InvalidArgument);
    expect(bad.findDetails(BadRequestSchema)[0]?.fieldViolations[0]?.field).toBe("invoice_id");
    const required = await rejection(h.client.createThread({ scriptName: "invoice-parser", inputJson: "{}" }));
    expect(required.findDetails(BadRequestSchema)[0]?.fieldViolations[0]?.description).toBe("is required");
    expect((await rejection(h.client.createThread({ scriptName: "invoice-parser", version: 99, inputJson: '{"invoice_id":"x"}' }))).code).toBe(Code.NotFound);
    const v1 = await h.client.createThread({ scriptName: "invoice-parser", version: 1, inputJson: '{"invoice_id":"x"}', metadata: { ticket: "INC-1" } });
    expect(v1.version).toBe(1);
    expect(v1.metadata).toEqual({ ticket: "INC-1" });
    expect(v1.inputJson).toBe('{"invoice_id":"x"}');
    expect(v1.threadId).toMatch(/^thr_[0-9a-z]{20}$/);
    const active = await h.client.createThread({ scriptName: "invoice-parser", version: 0, inputJson: '{"invoice_id":"y"}', executionMode: 1 });
    expect(active.version).toBe(3);
    expect(active.executionMode).toBe(2); // always CLOUD
  });
});
