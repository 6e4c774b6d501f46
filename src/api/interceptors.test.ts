import { describe, expect, it } from "vitest";
import { createClient, createRouterTransport } from "@connectrpc/connect";
import { ScriptumService } from "./gen/dodil/scriptum/v1/scriptum_pb";
import { createAuthInterceptor, type AuthHeaders } from "./interceptors";

const AUTH_HEADERS = ["authorization", "x-organization-id", "x-organization-name"] as const;

/** Calls HealthCheck through the interceptor; returns the identity headers the server received. */
async function headersSeenByServer(getAuth: () => AuthHeaders): Promise<Record<string, string | null>> {
  let seen: Record<string, string | null> = {};
  const transport = createRouterTransport(
    ({ service }) => {
      service(ScriptumService, {
        healthCheck(_request, context) {
          seen = Object.fromEntries(AUTH_HEADERS.map((name) => [name, context.requestHeader.get(name)]));
          return { status: "ok", version: "test" };
        },
      });
    },
    { transport: { interceptors: [createAuthInterceptor(getAuth)] } },
  );
  await createClient(ScriptumService, transport).healthCheck({});
  return seen;
}

describe("createAuthInterceptor", () => {
  it("sends no identity header when nothing is set", async () => {
    const seen = await headersSeenByServer(() => ({ token: "", orgId: "", orgName: "" }));
    expect(seen).toEqual({ authorization: null, "x-organization-id": null, "x-organization-name": null });
  });

  it("sends each header that is set, and only those", async () => {
    expect(await headersSeenByServer(() => ({ token: "tok-1", orgId: "org-7", orgName: "Acme" }))).toEqual({
      authorization: "Bearer tok-1",
      "x-organization-id": "org-7",
      "x-organization-name": "Acme",
    });
    expect(await headersSeenByServer(() => ({ token: "", orgId: "org-7", orgName: "" }))).toEqual({
      authorization: null,
      "x-organization-id": "org-7",
      "x-organization-name": null,
    });
    expect(await headersSeenByServer(() => ({ token: "tok-1", orgId: "  ", orgName: "" }))).toEqual({
      authorization: "Bearer tok-1",
      "x-organization-id": null,
      "x-organization-name": null,
    });
  });

  it("does not double a pasted 'Bearer ' prefix", async () => {
    const seen = await headersSeenByServer(() => ({ token: " Bearer tok-2 ", orgId: "", orgName: "" }));
    expect(seen.authorization).toBe("Bearer tok-2");
  });

  it("reads the values at call time, so a new token applies to the next call", async () => {
    let auth: AuthHeaders = { token: "old", orgId: "", orgName: "" };
    const seen: (string | null)[] = [];
    const transport = createRouterTransport(
      ({ service }) => {
        service(ScriptumService, {
          healthCheck(_request, context) {
            seen.push(context.requestHeader.get("authorization"));
            return { status: "ok", version: "test" };
          },
        });
      },
      { transport: { interceptors: [createAuthInterceptor(() => auth)] } },
    );
    const client = createClient(ScriptumService, transport);
    await client.healthCheck({});
    auth = { ...auth, token: "new" };
    await client.healthCheck({});
    expect(seen).toEqual(["Bearer old", "Bearer new"]);
  });
});
