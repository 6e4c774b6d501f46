import { describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema } from "../../api/gen/google/rpc/error_details_pb";
import { readCreateError } from "./createErrors";
import { jsonToFields } from "./inputConversion";
import { invoiceModel } from "./testing/scriptFixtures";

function badRequest(message: string, violations: { field: string; description: string }[]): ConnectError {
  return new ConnectError(message, Code.InvalidArgument, undefined, [{ desc: BadRequestSchema, value: { fieldViolations: violations } }]);
}

const fields = (() => {
  const result = jsonToFields('{"invoice_id":"A"}', invoiceModel());
  if (!result.ok) throw new Error(result.message);
  return result.input;
})();

describe("readCreateError", () => {
  it("puts NOT_FOUND on the script, or on the version when it names one", () => {
    expect(readCreateError(new ConnectError("script nope not found", Code.NotFound), fields, invoiceModel())).toEqual({
      errors: { top: { script: ["script nope not found"] }, input: {} },
      mapped: true,
    });
    const version = readCreateError(new ConnectError("script a has no version 9", Code.NotFound), fields, invoiceModel());
    expect(version.errors.top).toEqual({ version: ["script a has no version 9"] });
  });

  it("puts field violations on the typed fields, with or without the input_json prefix", () => {
    const view = readCreateError(
      badRequest("input_json does not match", [
        { field: "invoice_id", description: "is required" },
        { field: "input_json.ask_expires_in_s", description: "must be a number" },
        { field: "script_name", description: "is required" },
        { field: "surprise", description: "is not known" },
      ]),
      fields,
      invoiceModel(),
    );
    expect(view).toEqual({
      mapped: true,
      errors: {
        top: { script: ["is required"] },
        input: { invoice_id: ["is required"], ask_expires_in_s: ["must be a number"], "": ["surprise: is not known"] },
      },
    });
  });

  it("puts every input violation on the JSON editor in JSON mode", () => {
    const view = readCreateError(
      badRequest("bad", [{ field: "invoice_id", description: "is required" }, { field: "input_json", description: "must be a JSON object" }]),
      { mode: "json", text: "{}" },
      invoiceModel(),
    );
    expect(view.errors.input).toEqual({ "": ["invoice_id: is required", "must be a JSON object"] });
  });

  it("puts a malformed input without violations on the input", () => {
    const view = readCreateError(
      new ConnectError("input_json is not valid JSON: Unexpected end", Code.InvalidArgument),
      { mode: "json", text: "{" },
      null,
    );
    expect(view).toEqual({ mapped: true, errors: { top: {}, input: { "": ["input_json is not valid JSON: Unexpected end"] } } });
  });

  it("leaves errors that are not about a field to the page", () => {
    expect(readCreateError(new ConnectError("token expired", Code.Unauthenticated), fields, invoiceModel()).mapped).toBe(false);
    expect(readCreateError(new ConnectError("down", Code.Unavailable), fields, invoiceModel()).mapped).toBe(false);
    expect(readCreateError(new Error("boom"), fields, invoiceModel()).mapped).toBe(false);
  });
});
