import { afterEach, describe, expect, it, vi } from "vitest";
import { createClient } from "@connectrpc/connect";
import { ScriptumService } from "./gen/dodil/scriptum/v1/scriptum_pb";
import { createAppTransport, type Protocol } from "./transport";

// The real Connect / gRPC-Web transports, with the browser's fetch replaced by a recorder: what
// URL, content type and headers actually go on the wire.
interface Sent {
  url: string;
  headers: Headers;
}

function recordFetch(): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(input), headers: new Headers(init?.headers) });
    // Nothing useful comes back: the call fails, which is fine, the request is what is checked.
    return Promise.resolve(new Response(null, { status: 503 }));
  });
  return sent;
}

async function send(endpoint: string, protocol: Protocol, origin = "http://console.test"): Promise<Sent> {
  const sent = recordFetch();
  const transport = createAppTransport(
    { endpoint, protocol, auth: () => ({ token: "t0k", orgId: "org-1", orgName: "" }) },
    origin,
  );
  await createClient(ScriptumService, transport)
    .healthCheck({})
    .catch(() => undefined);
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("createAppTransport", () => {
  it("calls the page's own origin over Connect when no endpoint is set", async () => {
    const sent = await send("", "connect", "http://127.0.0.1:7330");
    expect(sent.url).toBe("http://127.0.0.1:7330/dodil.scriptum.v1.ScriptumService/HealthCheck");
    expect(sent.headers.get("content-type")).toBe("application/proto");
    expect(sent.headers.get("authorization")).toBe("Bearer t0k");
    expect(sent.headers.get("x-organization-id")).toBe("org-1");
    expect(sent.headers.has("x-organization-name")).toBe(false);
  });

  it("calls the configured endpoint (with its path prefix) over gRPC-Web when chosen", async () => {
    const sent = await send("https://scriptum.example.com/api/", "grpc-web");
    expect(sent.url).toBe("https://scriptum.example.com/api/dodil.scriptum.v1.ScriptumService/HealthCheck");
    expect(sent.headers.get("content-type")).toBe("application/grpc-web+proto");
    expect(sent.headers.get("authorization")).toBe("Bearer t0k");
  });
});
