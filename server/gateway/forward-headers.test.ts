import { describe, expect, it } from "vitest";
import { holdsCredentials, upstreamHeaders } from "./forward-headers";

const browser = new Headers({
  authorization: "Bearer browser-token",
  "x-organization-id": "org-browser",
  "x-organization-name": "Browser Org",
  "content-type": "application/grpc-web+proto",
  "connect-protocol-version": "1",
  cookie: "session=1",
  "x-request-id": "req-7",
});

describe("upstreamHeaders", () => {
  it("forwards the browser's identity and correlation headers, nothing else", () => {
    const out = upstreamHeaders(browser, undefined);
    const seen: Record<string, string> = {};
    out.forEach((value, name) => {
      seen[name] = value;
    });
    expect(seen).toEqual({
      authorization: "Bearer browser-token",
      "x-organization-id": "org-browser",
      "x-organization-name": "Browser Org",
      "x-request-id": "req-7",
    });
  });

  it("replaces the browser's identity with gateway-held credentials", () => {
    const out = upstreamHeaders(browser, { token: " Bearer held ", orgId: "org-held" });
    expect(out.get("authorization")).toBe("Bearer held");
    expect(out.get("x-organization-id")).toBe("org-held");
    // Dropped, not mixed: the browser's org name must not ride along with the held token.
    expect(out.get("x-organization-name")).toBeNull();
    expect(out.get("cookie")).toBeNull();
  });

  it("treats blank credentials as none", () => {
    expect(holdsCredentials({ token: "  ", orgId: "" })).toBe(false);
    expect(holdsCredentials(undefined)).toBe(false);
    expect(holdsCredentials({ orgName: "acme" })).toBe(true);
    expect(upstreamHeaders(browser, { token: " " }).get("authorization")).toBe("Bearer browser-token");
  });
});
