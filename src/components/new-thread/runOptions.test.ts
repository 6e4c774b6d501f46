import { describe, expect, it } from "vitest";
import { checkFileSize, MAX_INPUT_FILE_BYTES, parseJsonFile } from "./jsonFile";
import { callbackUrlProblem, timeoutProblem } from "./runOptions";

describe("timeout and callback checks", () => {
  it("accepts Go durations and refuses the rest", () => {
    for (const ok of ["", "30s", "5m", "1h30m", "1.5h", "250ms"]) expect(timeoutProblem(ok)).toBeNull();
    for (const bad of ["5", "5 minutes", "m5", "-5m"]) expect(timeoutProblem(bad)).not.toBeNull();
    expect(timeoutProblem("0s")).toBe("The timeout must be longer than zero.");
  });

  it("accepts http(s) URLs only", () => {
    expect(callbackUrlProblem("https://example.com/h")).toBeNull();
    expect(callbackUrlProblem("example.com")).not.toBeNull();
    expect(callbackUrlProblem("javascript:alert(1)")).not.toBeNull();
  });
});

describe("JSON input files", () => {
  it("names the file and says nothing was loaded when it is not JSON", () => {
    expect(parseJsonFile("in.json", '{"a":')).toMatchObject({ ok: false, message: expect.stringMatching(/^in\.json is not valid JSON \(.+\); nothing was loaded\.$/) });
    expect(parseJsonFile("e.json", " ")).toEqual({ ok: false, message: "e.json is empty; nothing was loaded." });
    expect(parseJsonFile("bom.json", '\uFEFF{"a":1}')).toEqual({ ok: true, text: '{"a":1}', value: { a: 1 } });
  });

  it("refuses files over the size limit", () => {
    expect(checkFileSize("big.json", MAX_INPUT_FILE_BYTES + 1)).toMatch(/^big\.json is 5\.0 MB/);
    expect(checkFileSize("ok.json", 10)).toBeNull();
  });
});
