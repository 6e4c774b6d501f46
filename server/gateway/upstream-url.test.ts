import { describe, expect, it } from "vitest";
import { parseUpstreamUrl } from "./upstream-url";

describe("parseUpstreamUrl", () => {
  it("keeps http:// (h2c) and https:// (TLS)", () => {
    expect(parseUpstreamUrl("http://127.0.0.1:9000")).toEqual({ ok: true, url: "http://127.0.0.1:9000" });
    expect(parseUpstreamUrl("https://rpc.dev.dodil.io:443/")).toEqual({ ok: true, url: "https://rpc.dev.dodil.io" });
  });

  it("reads the grpcurl form host:port as TLS", () => {
    expect(parseUpstreamUrl("rpc.dodil.io:443")).toEqual({ ok: true, url: "https://rpc.dodil.io" });
  });

  it("refuses other schemes, embedded credentials and empty values", () => {
    expect(parseUpstreamUrl("ftp://x").ok).toBe(false);
    expect(parseUpstreamUrl("https://user:secret@host").ok).toBe(false);
    expect(parseUpstreamUrl("  ").ok).toBe(false);
    expect(parseUpstreamUrl("https://host/?a=1").ok).toBe(false);
  });
});
