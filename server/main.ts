// Entry point: `npx tsx server/main.ts [options]` (see --help).
import { startServer } from "./app";
import { startGatewayServer } from "./gateway/start-gateway-server";
import { parseServerArgs, USAGE } from "./options";

async function main(): Promise<void> {
  const parsed = parseServerArgs(process.argv.slice(2));
  if (parsed.kind === "help") {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.kind === "error") {
    process.stderr.write(`scriptum-console: ${parsed.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const { options } = parsed;
  if (options.upstream !== null) {
    const gateway = await startGatewayServer({ ...options, upstream: options.upstream });
    const held = gateway.config.credentials === "gateway" ? "credentials held by the gateway" : "credentials from the browser";
    process.stdout.write(
      `Scriptum Console on ${gateway.url}  (gateway to ${options.upstream}, ${held}; ` +
        `gRPC on ${gateway.grpcUrl.replace(/^http:\/\//, "")}; /metrics for Prometheus)\n`,
    );
    stopOnSignals(gateway);
    return;
  }
  const server = await startServer(options);
  const data = options.dataDir === null ? "in memory" : `data ${options.dataDir}`;
  const extras = [
    options.enableFaultInjection ? "fault injection on" : null,
    options.requireToken !== null ? "token required" : null,
    options.requireOrg !== null ? `org ${options.requireOrg} required` : null,
    options.speed !== 1 ? `speed ${options.speed}x` : null,
  ].filter((x) => x !== null);
  process.stdout.write(
    `Scriptum Console on ${server.url}  (sandbox: ${options.fidelity} fidelity, ${data}; ` +
      `gRPC on ${server.grpcUrl.replace(/^http:\/\//, "")}${extras.length > 0 ? `; ${extras.join(", ")}` : ""})\n`,
  );
  stopOnSignals(server);
}

function stopOnSignals(server: { close(): Promise<void> }): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`scriptum-console: ${signal} again, exiting now\n`);
      process.exit(130);
    }
    stopping = true;
    process.stdout.write(`scriptum-console: ${signal}, shutting down\n`);
    const force = setTimeout(() => {
      process.stderr.write("scriptum-console: shutdown took too long, exiting\n");
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`scriptum-console: error while shutting down: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

main().catch((error: unknown) => {
  process.stderr.write(`scriptum-console: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
