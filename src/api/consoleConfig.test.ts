// @vitest-environment node
// fetchConsoleConfig against a real HTTP server on 127.0.0.1: the gateway's answer, and what a
// plain static host may answer instead (404, index.html, garbage, silence).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fetchConsoleConfig,
  heldCredentialsSummary,
  parseConsoleConfig,
  UNKNOWN_CONSOLE_CONFIG,
} from "./consoleConfig";

let server: Server;
let origin: string;
const seen: { path: string; authorization: string | undefined }[] = [];

// The path's first segment picks the answer: /gateway/__console/config, /static/… and so on.
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    seen.push({ path, authorization: req.headers.authorization });
    const scenario = path.split("/")[1];
    switch (scenario) {
      case "gateway":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ mode: "gateway", credentials: "gateway", orgId: "org-1", orgName: "Acme" }));
        return;
      case "sandbox":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ mode: "sandbox", credentials: "browser" }));
        return;
      case "spa":
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<!doctype html><div id=root></div>");
        return;
      case "silent":
        return; // never answers
      default:
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A fetch that prefixes the scenario to the path, so one server plays every host. */
function scenarioFetch(scenario: string) {
  return (input: string, init: RequestInit) => {
    const url = new URL(input);
    url.pathname = `/${scenario}${url.pathname}`;
    return fetch(url, init);
  };
}

describe("fetchConsoleConfig", () => {
  it("reads the gateway's answer from the console's own origin, with no credentials", async () => {
    const config = await fetchConsoleConfig({ origin: `${origin}/some/page`, fetch: scenarioFetch("gateway") });
    expect(config).toEqual({ mode: "gateway", credentials: "gateway", orgId: "org-1", orgName: "Acme" });
    expect(seen.at(-1)).toEqual({ path: "/gateway/__console/config", authorization: undefined });
    expect(heldCredentialsSummary(config)).toBe("The gateway holds the credentials (organisation Acme)");
  });

  it("reads the sandbox's answer", async () => {
    expect(await fetchConsoleConfig({ origin, fetch: scenarioFetch("sandbox") })).toEqual({
      mode: "sandbox",
      credentials: "browser",
    });
  });

  it("treats a 404, an HTML page, no server and no answer as unknown, with browser credentials", async () => {
    expect(await fetchConsoleConfig({ origin, fetch: scenarioFetch("missing") })).toEqual(UNKNOWN_CONSOLE_CONFIG);
    expect(await fetchConsoleConfig({ origin, fetch: scenarioFetch("spa") })).toEqual(UNKNOWN_CONSOLE_CONFIG);
    expect(await fetchConsoleConfig({ origin: "http://127.0.0.1:9" })).toEqual(UNKNOWN_CONSOLE_CONFIG);
    const started = Date.now();
    expect(await fetchConsoleConfig({ origin, fetch: scenarioFetch("silent"), timeoutMs: 200 })).toEqual(
      UNKNOWN_CONSOLE_CONFIG,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("parseConsoleConfig", () => {
  it("keeps only known values; the organization only when the gateway holds the credentials", () => {
    expect(parseConsoleConfig('{"mode":"gateway","credentials":"gateway","orgId":"o"}')).toEqual({
      mode: "gateway",
      credentials: "gateway",
      orgId: "o",
    });
    expect(parseConsoleConfig('{"mode":"gateway","credentials":"browser","orgId":"o"}')).toEqual({
      mode: "gateway",
      credentials: "browser",
    });
    expect(parseConsoleConfig('{"mode":"other","credentials":"gateway"}')).toEqual(UNKNOWN_CONSOLE_CONFIG);
    expect(parseConsoleConfig("[1]")).toEqual(UNKNOWN_CONSOLE_CONFIG);
    expect(parseConsoleConfig("null")).toEqual(UNKNOWN_CONSOLE_CONFIG);
    expect(parseConsoleConfig("<html>")).toEqual(UNKNOWN_CONSOLE_CONFIG);
    expect(heldCredentialsSummary({ mode: "gateway", credentials: "gateway", orgId: "org-9" })).toBe(
      "The gateway holds the credentials (organisation org-9)",
    );
  });
});
