// A sandbox in its own process, for the crash test: it creates an invoice-parser thread, prints
// every event of it as a JSON line, and runs until it is killed (kill -9).
//   node --import tsx server/sandbox/testing/crashChild.ts <dataDir> <speed>
import { createClient, createRouterTransport } from "@connectrpc/connect";
import { ScriptumService } from "../../../src/api/gen/dodil/scriptum/v1/scriptum_pb.js";
import { createSandbox } from "../index.js";

const [dataDir, speed] = process.argv.slice(2);
if (dataDir === undefined) throw new Error("usage: crashChild.ts <dataDir> <speed>");
const sandbox = await createSandbox({ dataDir, speed: Number(speed ?? "5"), fidelity: "complete", seedThreads: 0, version: "crash-child" });
const client = createClient(ScriptumService, createRouterTransport((r) => r.service(ScriptumService, sandbox.service)));
const t = await client.createThread({ scriptName: "invoice-parser", inputJson: '{"invoice_id":"INV-CRASH"}' });
process.stdout.write(JSON.stringify({ threadId: t.threadId }) + "\n");
for await (const m of client.watchThread({ threadId: t.threadId })) {
  const v = m.event.value as { stepPath?: string } | undefined;
  process.stdout.write(JSON.stringify({ seq: Number(m.sequence), case: m.event.case, stepPath: v?.stepPath ?? "" }) + "\n");
}
