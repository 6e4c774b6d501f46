import { Code } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { bearerToken, checkAuth } from "./auth-check";

const both = { requireToken: "s3cret", requireOrg: "org-1" };

function headers(init: Record<string, string>): Headers {
  return new Headers(init);
}

describe("checkAuth", () => {
  it("allows anything when nothing is required", () => {
    expect(checkAuth("GetThread", headers({}), { requireToken: null, requireOrg: null })).toBeNull();
  });

  it("never refuses HealthCheck", () => {
    expect(checkAuth("HealthCheck", headers({}), both)).toBeNull();
  });

  it("refuses a missing or wrong token as UNAUTHENTICATED", () => {
    expect(checkAuth("GetThread", headers({ "x-organization-id": "org-1" }), both)?.code).toBe(
      Code.Unauthenticated,
    );
    expect(
      checkAuth("GetThread", headers({ authorization: "Bearer s3cres", "x-organization-id": "org-1" }), both)
        ?.code,
    ).toBe(Code.Unauthenticated);
    expect(
      checkAuth("GetThread", headers({ authorization: "Basic s3cret", "x-organization-id": "org-1" }), both)
        ?.code,
    ).toBe(Code.Unauthenticated);
    expect(
      checkAuth("GetThread", headers({ authorization: "Bearer s3cret-longer" }), both)?.code,
    ).toBe(Code.Unauthenticated);
  });

  it("refuses another or a missing organization as PERMISSION_DENIED", () => {
    expect(checkAuth("ListThreads", headers({ authorization: "Bearer s3cret" }), both)?.code).toBe(
      Code.PermissionDenied,
    );
    const other = checkAuth(
      "ListThreads",
      headers({ authorization: "Bearer s3cret", "x-organization-id": "org-2" }),
      both,
    );
    expect(other?.code).toBe(Code.PermissionDenied);
    expect(other?.message).toContain("org-2");
  });

  it("allows the right token and organization", () => {
    expect(
      checkAuth("WatchThread", headers({ authorization: "bearer  s3cret ", "x-organization-id": "org-1" }), both),
    ).toBeNull();
  });

  it("checks only what is required", () => {
    expect(checkAuth("GetThread", headers({ "x-organization-id": "org-1" }), { requireToken: null, requireOrg: "org-1" })).toBeNull();
    expect(checkAuth("GetThread", headers({ authorization: "Bearer t" }), { requireToken: "t", requireOrg: null })).toBeNull();
  });
});

describe("bearerToken", () => {
  it("reads the token of a bearer header only", () => {
    expect(bearerToken("Bearer abc.def")).toBe("abc.def");
    expect(bearerToken("Bearer")).toBeNull();
    expect(bearerToken("Token abc")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});
