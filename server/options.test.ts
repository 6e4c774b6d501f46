import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, parseServerArgs, type ServerOptions } from "./options";

function parsed(argv: string[]): ServerOptions {
  const result = parseServerArgs(argv);
  if (result.kind !== "options") throw new Error(`expected options, got ${JSON.stringify(result)}`);
  return result.options;
}

function errorOf(argv: string[]): string {
  const result = parseServerArgs(argv);
  if (result.kind !== "error") throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.message;
}

describe("parseServerArgs", () => {
  it("gives the documented defaults", () => {
    expect(parsed([])).toEqual({
      host: "127.0.0.1",
      port: 7330,
      grpcPort: 7331,
      dataDir: ".scriptum-sandbox",
      speed: 1,
      fidelity: "today",
      seedThreads: undefined,
      enableFaultInjection: false,
      requireToken: null,
      requireOrg: null,
      staticDir: "dist",
      upstream: null,
      tokenFile: null,
      orgId: null,
      orgName: null,
      directEndpoints: [],
    });
  });

  it("reads every flag, in both --flag value and --flag=value forms", () => {
    expect(
      parsed([
        "--port",
        "7400",
        "--host=0.0.0.0",
        "--grpc-port",
        "0",
        "--memory",
        "--speed",
        "2.5",
        "--fidelity=complete",
        "--seed-threads",
        "1000000",
        "--enable-fault-injection",
        "--require-token",
        "s3cret",
        "--require-org",
        "org-1",
        "--static-dir",
        "build/web",
      ]),
    ).toEqual({
      host: "0.0.0.0",
      port: 7400,
      grpcPort: 0,
      dataDir: null,
      speed: 2.5,
      fidelity: "complete",
      seedThreads: 1_000_000,
      enableFaultInjection: true,
      requireToken: "s3cret",
      requireOrg: "org-1",
      staticDir: "build/web",
      upstream: null,
      tokenFile: null,
      orgId: null,
      orgName: null,
      directEndpoints: [],
    });
  });

  it("reads the gateway flags", () => {
    const options = parsed([
      "--upstream",
      "rpc.dev.dodil.io:443",
      "--token-file",
      "/run/secrets/scriptum-token",
      "--org-id=org-1",
      "--org-name",
      "Acme",
      "--direct-endpoint",
      "https://envoy.example.com:8443/grpc",
      "--direct-endpoint=http://127.0.0.1:9000",
    ]);
    expect(options).toMatchObject({
      upstream: "https://rpc.dev.dodil.io",
      tokenFile: "/run/secrets/scriptum-token",
      orgId: "org-1",
      orgName: "Acme",
      directEndpoints: ["https://envoy.example.com:8443", "http://127.0.0.1:9000"],
    });
    expect(DEFAULT_OPTIONS.directEndpoints).toEqual([]);
  });

  it("keeps an explicit data directory", () => {
    expect(parsed(["--data-dir", "/tmp/x"]).dataDir).toBe("/tmp/x");
  });

  it("does not change the shared defaults", () => {
    parsed(["--port", "1234", "--memory"]);
    expect(DEFAULT_OPTIONS.port).toBe(7330);
    expect(DEFAULT_OPTIONS.dataDir).toBe(".scriptum-sandbox");
  });

  it("answers help", () => {
    expect(parseServerArgs(["--port", "1", "--help"])).toEqual({ kind: "help" });
  });

  it.each([
    [["--port", "70000"], "--port must be a port number"],
    [["--port", "abc"], "--port must be a port number"],
    [["--port", "-1"], "--port must be a port number"],
    [["--grpc-port", "1.5"], "--grpc-port must be a port number"],
    [["--speed", "0"], "--speed must be a positive number"],
    [["--speed", "fast"], "--speed must be a positive number"],
    [["--fidelity", "future"], '--fidelity must be "today" or "complete"'],
    [["--seed-threads", "1000001"], "--seed-threads must be an integer"],
    [["--seed-threads", "-3"], "--seed-threads must be an integer"],
    [["--port"], "--port needs a value"],
    [["--require-token", "--memory"], "--require-token needs a value"],
    [["--require-token", ""], "--require-token needs a non-empty value"],
    [["--memory=yes"], "--memory takes no value"],
    [["--nope"], 'unknown option "--nope"'],
    [["stray"], 'unknown option "stray"'],
    [["--memory", "--data-dir", "d"], "--memory and --data-dir exclude each other"],
    [["--port", "7000", "--grpc-port", "7000"], "--port and --grpc-port must differ"],
    [["--upstream", "ftp://rpc.example"], "--upstream must be http:// (cleartext HTTP/2) or https:// (TLS), got ftp://"],
    [["--token-file", "/run/token"], "--token-file needs --upstream (gateway mode)"],
    [["--direct-endpoint", "envoy:8443"], '--direct-endpoint must be an http:// or https:// URL, got "envoy:8443"'],
  ])("refuses %j", (argv, message) => {
    expect(errorOf(argv)).toContain(message);
  });
});
