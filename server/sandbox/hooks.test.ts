// Logs URLs and execution ids of step details, and the optional hostile-data inputs of the demo
// scripts (the security suite's vehicle for XSS payloads): where each one lands, and that the
// default behaviour is unchanged without them.
import { Code, ConnectError } from "@connectrpc/connect";
import { afterEach, describe, expect, it } from "vitest";
import { StepStatus, ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { ErrorInfoSchema } from "../../src/api/gen/google/rpc/error_details_pb.js";
import { findScript } from "./scripts/catalog.js";
import { collectWatch, startHarness, waitForThread, type Harness } from "./testing/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.sandbox.close();
  h = undefined;
});

const XSS = `<img src=x onerror="alert(1)">"'</script><svg onload=alert(2)>\u202e\u200b`;
const HOSTILE_URL = "javascript:alert(document.cookie)//";

async function details(harness: Harness, threadId: string) {
  const out = [];
  for await (const m of harness.client.streamStepResult({ threadId })) if (m.record.case === "step") out.push(m.record.value);
  return out;
}

describe("logs_url and execution_id", () => {
  it("tool and code steps that ran carry https://logs.scriptum.invalid/... and exec_<hex>; groups and asks none", async () => {
    h = await startHarness();
    const t = await h.client.createThread({ scriptName: "invoice-parser", inputJson: '{"invoice_id":"INV-42"}' });
    await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.PAUSED);
    const byPath = new Map((await details(h, t.threadId)).map((d) => [d.stepPath, d]));
    expect(byPath.get("1")?.logsUrl).toBe(`https://logs.scriptum.invalid/threads/${t.threadId}/steps/1`);
    expect(byPath.get("2.1")?.logsUrl).toBe(`https://logs.scriptum.invalid/threads/${t.threadId}/steps/2.1`);
    expect(byPath.get("1")?.executionId).toMatch(/^exec_[0-9a-f]{16}$/);
    expect(byPath.get("2.0")?.executionId).not.toBe(byPath.get("1")?.executionId);
    for (const p of ["2", "3", "4"]) {
      expect(byPath.get(p)?.logsUrl).toBe("");
      expect(byPath.get(p)?.executionId).toBe("");
    }
    // Same values through GetThreadResult.
    const one = await h.client.getThreadResult({ threadId: t.threadId, stepPath: "1" });
    expect(one.stepDetails[0]?.logsUrl).toBe(byPath.get("1")?.logsUrl);
    expect(one.stepDetails[0]?.executionId).toBe(byPath.get("1")?.executionId);
  });
});

describe("hostile-data inputs", () => {
  it("an invoice id with a lone surrogate still runs to the ask (it is the caller's data)", async () => {
    h = await startHarness();
    const t = await h.client.createThread({ scriptName: "invoice-parser", inputJson: JSON.stringify({ invoice_id: "INV-\ud800" }) });
    await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.PAUSED);
  });

  it("declares them as optional strings in the contracts", () => {
    const inputs = (name: string) => findScript(name)?.contract.inputs.filter((f) => !f.required).map((f) => [f.name, f.type.kind]);
    expect(inputs("invoice-parser")).toEqual(
      expect.arrayContaining([["label", "string"], ["logs_url", "string"], ["raw_output_b64", "string"]]),
    );
    expect(inputs("flaky-report")).toEqual(expect.arrayContaining([["error_detail", "string"], ["label", "string"]]));
  });

  it("invoice-parser: label reaches step 2.1's name and yields, the ask prompt and field descriptions; logs_url is step 1's", async () => {
    h = await startHarness();
    const input = { invoice_id: XSS, label: XSS, logs_url: HOSTILE_URL };
    const t = await h.client.createThread({ scriptName: "invoice-parser", inputJson: JSON.stringify(input) });
    await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.PAUSED);
    const r = await h.client.getThreadResult({ threadId: t.threadId, stepPath: "3" });
    const names = new Map(r.steps.map((s) => [s.stepPath, s.name]));
    expect(names.get("2.1")).toBe(`parse-lines ${XSS}`);
    expect(names.get("3")).toBe("approve-amount");
    expect(r.yieldedValues.length).toBeGreaterThanOrEqual(3);
    for (const y of r.yieldedValues) expect((JSON.parse(Buffer.from(y.valueData).toString()) as { label: string }).label).toBe(XSS);
    const ask = r.stepDetails[0]?.ask;
    expect(ask?.prompt.endsWith(` ${XSS}`)).toBe(true);
    expect(ask?.prompt).toContain(XSS); // invoice_id too
    expect(ask?.fields.every((f) => f.description.endsWith(` (${XSS})`))).toBe(true);
    const d = new Map((await details(h, t.threadId)).map((x) => [x.stepPath, x]));
    expect(d.get("1")?.logsUrl).toBe(HOSTILE_URL);
    expect(d.get("2.0")?.logsUrl).toBe(`https://logs.scriptum.invalid/threads/${t.threadId}/steps/2.0`);
    // The stepStarted event carries the hostile name too.
    const watch = await collectWatch(h.client, t.threadId, 300);
    expect(watch.messages.some((m) => m.event.case === "stepStarted" && m.event.value.name === `parse-lines ${XSS}`)).toBe(true);
    // And it completes normally, with invoice_id echoed in the output.
    await h.client.resumeThread({ threadId: t.threadId, stepInputOverrideJson: '{"approved":true,"amount":1,"currency":"USD"}' });
    await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.COMPLETED);
    const out = await h.client.getThreadResult({ threadId: t.threadId });
    expect(JSON.parse(Buffer.from(out.outputData).toString())).toMatchObject({ invoice_id: XSS });
  });

  it("invoice-parser: raw_output_b64 becomes step 2.0's output bytes verbatim (invalid UTF-8 included)", async () => {
    h = await startHarness();
    const raw = Buffer.from([0xff, 0xfe, 0x3c, 0x73, 0x63, 0x72, 0x69, 0x70, 0x74, 0x3e, 0xc3, 0x28, 0x00, 0xed, 0xa0, 0x80]);
    const t = await h.client.createThread({ scriptName: "invoice-parser", inputJson: JSON.stringify({ invoice_id: "INV-B", raw_output_b64: raw.toString("base64") }) });
    await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.PAUSED);
    const one = (await h.client.getThreadResult({ threadId: t.threadId, stepPath: "2.0" })).stepDetails[0];
    expect(Buffer.from(one?.outputData ?? new Uint8Array()).equals(raw)).toBe(true);
    expect(Number(one?.outputTotalBytes)).toBe(raw.length);
    const streamed = (await details(h, t.threadId)).find((d) => d.stepPath === "2.0");
    expect(Buffer.from(streamed?.outputData ?? new Uint8Array()).equals(raw)).toBe(true);
    // The rest of the run is unaffected.
    await h.client.resumeThread({ threadId: t.threadId, stepInputOverrideJson: '{"approved":true,"amount":1,"currency":"USD"}' });
    await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.COMPLETED);
  });

  it("invoice-parser without them: names, prompt and descriptions exactly as before", async () => {
    h = await startHarness();
    const t = await h.client.createThread({ scriptName: "invoice-parser", inputJson: '{"invoice_id":"INV-42","label":""}' });
    await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.PAUSED);
    const r = await h.client.getThreadResult({ threadId: t.threadId, stepPath: "3" });
    expect(r.steps.map((s) => s.name)).toEqual(["fetch-invoice", "extract", "ocr", "parse-lines", "totals", "approve-amount", "post-ledger"]);
    expect(r.stepDetails[0]?.ask?.prompt).toMatch(/^Approve invoice INV-42 from .+ for \d+\.\d\d (USD|EUR|GBP)\?$/);
    expect(r.stepDetails[0]?.ask?.fields.map((f) => f.description)).toEqual([
      "Approve the invoice for posting",
      "Amount to post",
      "Currency of the amount",
      "Note for the ledger entry",
    ]);
    expect(Object.keys(JSON.parse(Buffer.from(r.yieldedValues[0]?.valueData ?? new Uint8Array()).toString()) as object)).toEqual([
      "line",
      "sku",
      "qty",
      "unit_price",
      "total",
    ]);
  });

  it("flaky-report: error_detail ends the failure error (step and thread); label reaches step 1.1's name and output", async () => {
    h = await startHarness();
    const t = await h.client.createThread({ scriptName: "flaky-report", inputJson: JSON.stringify({ error_detail: XSS, label: XSS }) });
    const failed = await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.FAILED);
    expect(failed.error.endsWith(`: ${XSS}`)).toBe(true);
    expect(failed.error.startsWith("RenderError: page size 'A5' is not supported")).toBe(true);
    const r = await h.client.getThreadResult({ threadId: t.threadId, stepPath: "1.1" });
    const byPath = new Map(r.steps.map((s) => [s.stepPath, s]));
    expect(byPath.get("1.2.0")?.error).toBe(failed.error);
    expect(byPath.get("1.2.0")?.status).toBe(StepStatus.FAILED);
    expect(byPath.get("1.1")?.name).toBe(`aggregate ${XSS}`);
    expect((JSON.parse(Buffer.from(r.stepDetails[0]?.outputData ?? new Uint8Array()).toString()) as { label: string }).label).toBe(XSS);
    // Still recoverable.
    await h.client.resumeThread({ threadId: t.threadId, stepInputOverrideJson: '{"page_size":"A4"}' });
    await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.COMPLETED);
  });

  it("flaky-report without them: the error and names exactly as before", async () => {
    h = await startHarness();
    const t = await h.client.createThread({ scriptName: "flaky-report", inputJson: "{}" });
    const failed = await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.FAILED);
    expect(failed.error).toBe("RenderError: page size 'A5' is not supported by template quarterly-v2 (supported: A4, Letter)");
    const r = await h.client.getThreadResult({ threadId: t.threadId });
    expect(r.steps.map((s) => s.name)).toEqual(["report", "load-data", "aggregate", "render", "render-pdf", "upload", "notify"]);
  });
});

describe("ask expiry under --speed", () => {
  it("an ask with ask_expires_in_s 2 expires about 2 s (wall clock) after it opens; resume then answers ASK_EXPIRED", async () => {
    h = await startHarness({ speed: 100 });
    const t = await h.client.createThread({ scriptName: "invoice-parser", inputJson: '{"invoice_id":"INV-2S","ask_expires_in_s":2}' });
    const paused = await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.PAUSED, 10_000);
    const opened = Date.now();
    const ask = (await h.client.getThreadResult({ threadId: t.threadId, stepPath: "3" })).stepDetails[0]?.ask;
    const expiresAt = Number(ask?.expiresAtMs);
    // Wall-clock expiry, not divided by speed.
    expect(expiresAt - opened).toBeGreaterThan(1_500);
    expect(expiresAt - opened).toBeLessThanOrEqual(2_050);
    expect(paused.status).toBe(ThreadStatus.PAUSED);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await h.client.getThread({ threadId: t.threadId })).status).toBe(ThreadStatus.PAUSED);
    const failed = await waitForThread(h.client, t.threadId, (s) => s === ThreadStatus.FAILED, 5_000);
    const failedAt = Date.now();
    expect(failedAt).toBeGreaterThanOrEqual(expiresAt);
    expect(failedAt - expiresAt).toBeLessThan(1_000);
    expect(failed.error).toBe("ask at step 3 expired");
    let refused: ConnectError | undefined;
    try {
      await h.client.resumeThread({ threadId: t.threadId, stepInputOverrideJson: '{"approved":true,"amount":1,"currency":"USD"}' });
    } catch (e) {
      refused = ConnectError.from(e);
    }
    expect(refused?.code).toBe(Code.FailedPrecondition);
    expect(refused?.findDetails(ErrorInfoSchema)[0]?.reason).toBe("ASK_EXPIRED");
  });
});
