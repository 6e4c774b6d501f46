import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./security-headers";

describe("contentSecurityPolicy", () => {
  it("is the documented policy, without unsafe-inline or unsafe-eval", () => {
    const policy = contentSecurityPolicy();
    expect(policy).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "form-action 'self'; frame-ancestors 'none'",
    );
    expect(policy).not.toContain("unsafe");
  });

  it("adds extra connect sources after self", () => {
    expect(contentSecurityPolicy({ connectSrc: ["https://api.example", "ws:"] })).toContain(
      "connect-src 'self' https://api.example ws:;",
    );
  });
});

describe("securityHeaders", () => {
  it("carries nosniff and no-referrer", () => {
    expect(securityHeaders()).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    });
  });
});
