import { describe, expect, it } from "vitest";
import { mixedContentWarning, resolveBaseUrl, validateEndpoint, validateHeaderValue } from "./connectionValidation";

describe("validateEndpoint", () => {
  it("accepts empty (same origin) and http(s) URLs, normalized without a trailing slash", () => {
    expect(validateEndpoint("")).toEqual({ ok: true, value: "" });
    expect(validateEndpoint("   ")).toEqual({ ok: true, value: "" });
    expect(validateEndpoint(" https://rpc.dev.dodil.io:443/ ")).toEqual({ ok: true, value: "https://rpc.dev.dodil.io" });
    expect(validateEndpoint("http://127.0.0.1:7330")).toEqual({ ok: true, value: "http://127.0.0.1:7330" });
    expect(validateEndpoint("https://gw.example.com/scriptum//")).toEqual({
      ok: true,
      value: "https://gw.example.com/scriptum",
    });
  });

  it("refuses what is not an http(s) URL, with a message saying why", () => {
    const notUrl = validateEndpoint("rpc.dev.dodil.io:443");
    expect(notUrl.ok).toBe(false);
    const bare = validateEndpoint("localhost");
    expect(bare).toMatchObject({ ok: false, message: expect.stringContaining("Not a URL") });
    expect(validateEndpoint("ftp://example.com")).toMatchObject({
      ok: false,
      message: expect.stringContaining("http:// or https://"),
    });
    expect(validateEndpoint("https://user:secret@example.com")).toMatchObject({
      ok: false,
      message: expect.stringContaining("credentials"),
    });
    expect(validateEndpoint("https://example.com/?token=x")).toMatchObject({ ok: false });
  });
});

describe("resolveBaseUrl", () => {
  it("uses the page's origin when the endpoint is empty or invalid", () => {
    expect(resolveBaseUrl("", "http://127.0.0.1:7330")).toBe("http://127.0.0.1:7330");
    expect(resolveBaseUrl("nonsense", "http://127.0.0.1:7330")).toBe("http://127.0.0.1:7330");
    expect(resolveBaseUrl("https://a.example/", "http://127.0.0.1:7330")).toBe("https://a.example");
  });
});

describe("validateHeaderValue", () => {
  it("keeps visible ASCII and refuses what a header cannot carry", () => {
    expect(validateHeaderValue("Org", " acme-1 ")).toEqual({ ok: true, value: "acme-1" });
    expect(validateHeaderValue("Org", "Société")).toMatchObject({ ok: false, message: expect.stringContaining("Org") });
    expect(validateHeaderValue("Token", "a\nb")).toMatchObject({ ok: false });
  });
});

describe("mixedContentWarning", () => {
  it("warns only for an http endpoint from an https page", () => {
    expect(mixedContentWarning("http://a.example", "https:")).not.toBeNull();
    expect(mixedContentWarning("https://a.example", "https:")).toBeNull();
    expect(mixedContentWarning("http://a.example", "http:")).toBeNull();
  });
});
