import { describe, expect, it } from "vitest";
import { matchHttpRoute } from "./http-routes";

const on = { faultInjection: true };
const off = { faultInjection: false };

describe("matchHttpRoute", () => {
  it("serves management endpoints always", () => {
    expect(matchHttpRoute("GET", "/health", off)).toEqual({ kind: "health" });
    expect(matchHttpRoute("GET", "/ready", off)).toEqual({ kind: "ready" });
    expect(matchHttpRoute("POST", "/health", off)).toEqual({ kind: "method-not-allowed", allow: "GET, HEAD" });
  });

  it("serves the fault and event endpoints only with fault injection", () => {
    expect(matchHttpRoute("GET", "/__sandbox/faults", on)).toEqual({ kind: "get-faults" });
    expect(matchHttpRoute("POST", "/__sandbox/faults", on)).toEqual({ kind: "set-faults" });
    expect(matchHttpRoute("GET", "/__sandbox/threads/thr_1/events", on)).toEqual({
      kind: "thread-events",
      threadId: "thr_1",
    });
    expect(matchHttpRoute("GET", "/__sandbox/faults", off)).toEqual({ kind: "not-found" });
    expect(matchHttpRoute("POST", "/__sandbox/faults", off)).toEqual({ kind: "not-found" });
    expect(matchHttpRoute("GET", "/__sandbox/threads/thr_1/events", off)).toEqual({ kind: "not-found" });
  });

  it("serves artifacts always, decoding the segments", () => {
    expect(matchHttpRoute("GET", "/__sandbox/artifacts/thr_1/report%20v2.csv", off)).toEqual({
      kind: "artifact",
      threadId: "thr_1",
      name: "report v2.csv",
    });
  });

  it("answers anything else under /__sandbox with not-found", () => {
    for (const path of [
      "/__sandbox",
      "/__sandbox/",
      "/__sandbox/nope",
      "/__sandbox/faults/extra",
      "/__sandbox/threads//events",
      "/__sandbox/threads/t/events/x",
      "/__sandbox/artifacts/t",
      "/__sandbox/artifacts/%E0%A4%A/x",
    ]) {
      expect(matchHttpRoute("GET", path, on)).toEqual({ kind: "not-found" });
    }
    expect(matchHttpRoute("DELETE", "/__sandbox/faults", on)).toEqual({
      kind: "method-not-allowed",
      allow: "GET, HEAD, POST",
    });
  });

  it("leaves everything else to the static files", () => {
    expect(matchHttpRoute("GET", "/threads/thr_1", on)).toEqual({ kind: "static" });
    expect(matchHttpRoute("GET", "/__sandboxed", on)).toEqual({ kind: "static" });
  });
});
