import { describe, expect, it } from "vitest";
import { jsonToFields } from "./inputConversion";
import { emptyDraft, type InputDraft, type NewThreadDraft } from "./newThreadDraft";
import { prepareCreateRequest } from "./prepareCreateRequest";
import { invoiceModel } from "./testing/scriptFixtures";

function fieldsInput(json: string): InputDraft {
  const result = jsonToFields(json, invoiceModel());
  if (!result.ok) throw new Error(result.message);
  return result.input;
}

function draft(patch: Partial<NewThreadDraft>): NewThreadDraft {
  return { ...emptyDraft(), scriptName: "invoice-parser", ...patch };
}

describe("prepareCreateRequest", () => {
  it("builds the request from the typed form, extras included", () => {
    const prepared = prepareCreateRequest(
      draft({
        version: 2,
        input: fieldsInput('{"invoice_id":"INV-42","trace":1}'),
        loadEnv: true,
        metadata: [
          { id: "a", key: " ticket ", value: "INC-1402" },
          { id: "b", key: "", value: "" },
        ],
        timeout: " 5m ",
        callbackUrl: "https://example.com/hook",
      }),
      invoiceModel(),
    );
    expect(prepared).toEqual({
      ok: true,
      request: {
        scriptName: "invoice-parser",
        version: 2,
        inputJson: '{"invoice_id":"INV-42","trace":1}',
        loadEnv: true,
        metadata: { ticket: "INC-1402" },
        timeout: "5m",
        callbackUrl: "https://example.com/hook",
      },
    });
  });

  it("puts a missing required input on its field and sends nothing", () => {
    const prepared = prepareCreateRequest(draft({ input: fieldsInput("{}") }), invoiceModel());
    expect(prepared).toEqual({ ok: false, errors: { top: {}, input: { invoice_id: ["invoice_id is required"] } } });
  });

  it("refuses malformed JSON in the JSON editor", () => {
    const prepared = prepareCreateRequest(draft({ input: { mode: "json", text: '{"invoice_id": "A",' } }), invoiceModel());
    expect(prepared.ok).toBe(false);
    expect(!prepared.ok && prepared.errors.input[""]?.[0]).toMatch(/^The input is not valid JSON: /);
  });

  it("checks JSON against the contract, and passes unknown keys through as the service does", () => {
    const wrong = prepareCreateRequest(draft({ input: { mode: "json", text: '{"invoice_id": 5}' } }), invoiceModel());
    expect(!wrong.ok && wrong.errors.input).toEqual({ invoice_id: ["invoice_id must be text"] });
    const notObject = prepareCreateRequest(draft({ input: { mode: "json", text: '"INV-1"' } }), invoiceModel());
    expect(!notObject.ok && notObject.errors.input[""]?.[0]).toContain("must be a JSON object");
    const extra = prepareCreateRequest(draft({ input: { mode: "json", text: '{"invoice_id":"A","x":1}' } }), invoiceModel());
    expect(extra.ok && extra.request.inputJson).toBe('{"invoice_id":"A","x":1}');
  });

  it("accepts any JSON value for a script without typed inputs, and blank as {}", () => {
    const model = { fields: [] };
    const list = prepareCreateRequest(draft({ input: { mode: "json", text: "[1,2,3]" } }), model);
    expect(list.ok && list.request.inputJson).toBe("[1,2,3]");
    const blank = prepareCreateRequest(draft({ input: { mode: "json", text: "  " } }), model);
    expect(blank.ok && blank.request.inputJson).toBe("{}");
  });

  it("reports every other problem on its own field at once", () => {
    const prepared = prepareCreateRequest(
      {
        ...emptyDraft(),
        input: { mode: "json", text: "{}" },
        metadata: [
          { id: "a", key: "k", value: "1" },
          { id: "b", key: "k", value: "2" },
          { id: "c", key: " ", value: "orphan" },
        ],
        timeout: "5 minutes",
        callbackUrl: "ftp://x",
      },
      null,
    );
    expect(prepared.ok).toBe(false);
    if (prepared.ok) return;
    expect(prepared.errors.top.script).toEqual(["Choose a script."]);
    expect(prepared.errors.top.metadata).toEqual([
      'Row 2: the key "k" is already used above.',
      'Row 3: the value "orphan" has no key.',
    ]);
    expect(prepared.errors.top.timeout?.[0]).toMatch(/duration such as/);
    expect(prepared.errors.top.callbackUrl?.[0]).toMatch(/https:\/\//);
  });
});
