import { describe, expect, it } from "vitest";
import { resolveGatewayCredentials } from "./credentials";

describe("resolveGatewayCredentials", () => {
  it("reads and trims the token file, which wins over the environment", () => {
    const result = resolveGatewayCredentials({
      tokenFile: "/run/secrets/token",
      orgId: " org-1 ",
      env: { SCRIPTUM_TOKEN: "from-env" },
      readFile: (path) => (path === "/run/secrets/token" ? "Bearer abc\n" : ""),
    });
    expect(result).toEqual({ ok: true, credentials: { token: "abc", orgId: "org-1", orgName: undefined } });
  });

  it("falls back to SCRIPTUM_TOKEN", () => {
    expect(resolveGatewayCredentials({ env: { SCRIPTUM_TOKEN: "t0k" } })).toEqual({
      ok: true,
      credentials: { token: "t0k", orgId: undefined, orgName: undefined },
    });
  });

  it("returns no credentials when nothing is configured (browser mode)", () => {
    expect(resolveGatewayCredentials({ env: {} })).toEqual({ ok: true, credentials: undefined });
  });

  it("refuses an empty or unreadable token file without echoing any content", () => {
    const empty = resolveGatewayCredentials({ tokenFile: "t", readFile: () => "  \n" });
    expect(empty).toEqual({ ok: false, message: "--token-file t is empty" });
    const missing = resolveGatewayCredentials({
      tokenFile: "/nope",
      readFile: () => {
        throw Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" });
      },
    });
    expect(missing).toEqual({ ok: false, message: "--token-file /nope: cannot read it (ENOENT)" });
  });
});
