import { describe, expect, it } from "vitest";
import { draftReducer } from "./draftReducer";
import { jsonToFields } from "./inputConversion";
import { emptyDraft } from "./newThreadDraft";
import { rerunDraft } from "./rerunDraft";
import { create } from "@bufbuild/protobuf";
import { ThreadSchema } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { invoiceModel, reportModel } from "./testing/scriptFixtures";

describe("draftReducer", () => {
  it("carries the input to another script as JSON, resolved by the new contract", () => {
    const fields = jsonToFields('{"invoice_id":"INV-9"}', invoiceModel());
    if (!fields.ok) throw new Error(fields.message);
    const start = { ...emptyDraft(), scriptName: "invoice-parser", version: 2, input: fields.input };
    const switched = draftReducer(start, { type: "script", name: "flaky-report", model: invoiceModel() });
    expect(switched.version).toBe(0);
    expect(switched.input).toEqual({ mode: "pending", text: '{\n  "invoice_id": "INV-9"\n}', prefer: "fields" });
    const resolved = draftReducer(switched, { type: "contract-loaded", model: reportModel() });
    // invoice_id is not an input of flaky-report: kept aside, sent along, not lost.
    expect(resolved.input).toMatchObject({ mode: "fields", extras: { invoice_id: "INV-9" } });
  });

  it("resolves only a pending input", () => {
    const json = { ...emptyDraft(), input: { mode: "json" as const, text: "{" } };
    expect(draftReducer(json, { type: "contract-loaded", model: invoiceModel() })).toBe(json);
  });
});

describe("rerunDraft", () => {
  it("copies script, version, input and metadata from the thread", () => {
    const thread = create(ThreadSchema, {
      threadId: "thr_7",
      scriptName: "invoice-parser",
      version: 2,
      inputJson: '{"invoice_id":"INV-7"}',
      metadata: { source: "scheduler" },
    });
    const draft = rerunDraft(thread);
    expect(draft).toMatchObject({
      scriptName: "invoice-parser",
      version: 2,
      rerunOf: "thr_7",
      loadEnv: false,
      input: { mode: "pending", text: '{\n  "invoice_id": "INV-7"\n}', prefer: "fields" },
      metadata: [{ key: "source", value: "scheduler" }],
    });
    expect(rerunDraft(create(ThreadSchema, { threadId: "t", inputJson: "not json" })).input).toMatchObject({ text: "not json" });
  });
});
