// --require-token and --require-org, over every protocol, for unary calls and streams.
import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor, PROTOCOLS, type ScriptumClient } from "./clients";
import { collect } from "./streams";
import { startTestServer, type TestServer } from "./test-server";
import { expectCode } from "./wait";

const TOKEN = "s3cret-token";
const ORG = "org-1";
const good = { authorization: `Bearer ${TOKEN}`, "x-organization-id": ORG, "x-organization-name": "Org One" };

describe("auth required by --require-token and --require-org", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ requireToken: TOKEN, requireOrg: ORG, seedThreads: 5 });
  });

  afterAll(async () => {
    await server?.close();
  });

  describe.each(PROTOCOLS)("over %s", (protocol) => {
    let client: ScriptumClient;

    beforeAll(() => {
      client = clientFor(protocol, server);
    });

    it("lets HealthCheck through without credentials", async () => {
      expect((await client.healthCheck({})).status).toBe("ok");
    });

    it("answers UNAUTHENTICATED without a token or with a wrong one", async () => {
      await expectCode(client.listThreads({}), Code.Unauthenticated);
      await expectCode(
        client.listThreads({}, { headers: { ...good, authorization: "Bearer wrong" } }),
        Code.Unauthenticated,
      );
      await expectCode(
        client.getThread({ threadId: "thr_x" }, { headers: { "x-organization-id": ORG } }),
        Code.Unauthenticated,
      );
      await expectCode(collect(client.watchThread({ threadId: "thr_x" })), Code.Unauthenticated);
    });

    it("answers PERMISSION_DENIED for another or a missing organization", async () => {
      await expectCode(
        client.listThreads({}, { headers: { ...good, "x-organization-id": "org-2" } }),
        Code.PermissionDenied,
      );
      await expectCode(
        client.listThreads({}, { headers: { authorization: good.authorization } }),
        Code.PermissionDenied,
      );
      await expectCode(
        collect(
          client.streamThreadResult({ threadId: "thr_x" }, { headers: { ...good, "x-organization-id": "org-2" } }),
        ),
        Code.PermissionDenied,
      );
    });

    it("serves the right token and organization", async () => {
      const list = await client.listThreads({ pageSize: 10 }, { headers: good });
      expect(list.threads.length).toBe(5);
      // A stream passes auth too; an unknown thread then is the service's own NOT_FOUND.
      await expectCode(collect(client.watchThread({ threadId: "thr_x" }, { headers: good })), Code.NotFound);
    });
  });
});
