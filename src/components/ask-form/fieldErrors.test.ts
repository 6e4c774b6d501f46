import { describe, expect, it } from "vitest";
import { parseFieldPath, pathKey } from "./fieldPath";
import { mapFieldViolations, mergeClientErrors, orderFieldErrors } from "./fieldErrors";

describe("parseFieldPath", () => {
  it("reads the forms a server may use", () => {
    expect(parseFieldPath("amount")).toEqual(["amount"]);
    expect(parseFieldPath("items[0].name")).toEqual(["items", 0, "name"]);
    expect(parseFieldPath("items.0.name")).toEqual(["items", 0, "name"]);
    expect(parseFieldPath("step_input_override_json.amount")).toEqual(["amount"]);
    expect(parseFieldPath("stepInputOverrideJson.items[2]")).toEqual(["items", 2]);
    expect(parseFieldPath("$.a['b c']")).toEqual(["a", "b c"]);
    expect(parseFieldPath("")).toEqual([]);
    expect(pathKey(["items", 0, "name"])).toBe("items[0].name");
  });
});

describe("mapFieldViolations (BadRequest → field errors)", () => {
  const known = new Set(["amount", "currency", "items", "items[0]", "items[0].name"]);

  it("puts each violation on its field", () => {
    expect(
      mapFieldViolations(
        [
          { field: "amount", description: "must be positive" },
          { field: "items.0.name", description: "too long" },
          { field: "step_input_override_json.currency", description: "not allowed" },
        ],
        known,
      ),
    ).toEqual({ amount: ["must be positive"], "items[0].name": ["too long"], currency: ["not allowed"] });
  });

  it("sends unknown fields and field-less violations to the form as a whole", () => {
    expect(
      mapFieldViolations(
        [
          { field: "ghost", description: "unknown field" },
          { field: "", description: "answer must be an object" },
          { field: "amount", description: "" },
        ],
        known,
      ),
    ).toEqual({ "": ["ghost: unknown field", "answer must be an object"], amount: ["was rejected by the server"] });
  });
});

describe("mergeClientErrors", () => {
  it("prefers the parse error over 'required' on the same field", () => {
    expect(
      mergeClientErrors(
        [{ path: ["amount"], message: "amount must be a number" }],
        [
          { path: ["amount"], message: "amount is required" },
          { path: ["currency"], message: "currency is required" },
        ],
      ),
    ).toEqual({ amount: ["amount must be a number"], currency: ["currency is required"] });
  });
});

describe("orderFieldErrors", () => {
  it("puts the answer's own errors first, then fields in form order", () => {
    const ordered = orderFieldErrors({ b: ["b!"], "": ["whole"], a: ["a!"], ghost: ["g"] }, ["a", "b"]);
    expect(Object.keys(ordered)).toEqual(["", "a", "b", "ghost"]);
  });
});
