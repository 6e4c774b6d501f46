// The console's output download (src/api/results/outputStream.ts) through the app's own transport
// (createAppTransport: the output tap in its fetch) against the real server: the bytes written are
// the output, byte for byte, and the tap wrote them (not the client's decoded messages), over
// Connect and gRPC-Web, with the server's chunk size and with small chunks.
import { createClient } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScriptumService, ThreadStatus } from "../../src/api/gen/dodil/scriptum/v1/scriptum_pb";
import { streamThreadOutput } from "../../src/api/results/outputStream";
import { concatBytes as concat } from "../../src/api/steps/chunkAssembler";
import { createAppTransport, type Protocol } from "../../src/api/transport";
import { clientFor } from "./clients";
import { waitForStatus } from "./streams";
import { startTestServer, type TestServer } from "./test-server";

const NO_AUTH = { token: "", orgId: "", orgName: "" };

describe("the output download through the app's transport (output tap)", () => {
  let server: TestServer;
  let threadId = "";
  let expected: Uint8Array;

  beforeAll(async () => {
    server = await startTestServer();
    const client = clientFor("connect", server);
    ({ threadId } = await client.createThread({ scriptName: "big-export", inputJson: JSON.stringify({ mb: 5 }) }));
    await waitForStatus(client, threadId, ThreadStatus.COMPLETED, 60_000);
    // The reference: the same stream read by a plain client, its chunks joined in index order.
    const chunks: { index: number; data: Uint8Array }[] = [];
    for await (const res of client.streamThreadResult({ threadId })) {
      if (res.chunk.case === "data") chunks.push({ index: Number(res.chunk.value.chunkIndex), data: res.chunk.value.data });
    }
    expected = concat(chunks.sort((a, b) => a.index - b.index).map((c) => c.data));
    expect(expected.length).toBeGreaterThan(4 * 1024 * 1024);
  }, 90_000);

  afterAll(async () => {
    await server?.close();
  });

  const protocols: readonly Protocol[] = ["connect", "grpc-web"];
  for (const protocol of protocols) {
    for (const maxChunkBytes of [undefined, 100_000]) {
      it(`${protocol}, ${maxChunkBytes === undefined ? "2 MiB" : "100 kB"} chunks: every byte, written by the tap`, async () => {
        const client = createClient(ScriptumService, createAppTransport({ endpoint: "", protocol, auth: () => NO_AUTH }, server.url));
        const parts: Uint8Array[] = [];
        let writes = 0;
        const result = await streamThreadOutput(
          client,
          threadId,
          async (bytes) => {
            writes += 1;
            parts.push(bytes.slice());
          },
          maxChunkBytes === undefined ? {} : { maxChunkBytes },
        );
        const got = concat(parts);
        expect(result.complete).toBe(true);
        expect(result.writtenBytes).toBe(expected.length);
        expect(got.length).toBe(expected.length);
        expect(Buffer.from(got).equals(Buffer.from(expected))).toBe(true);
        expect(result.tappedBytes).toBe(expected.length);
        expect(writes).toBeGreaterThan(0);
      }, 60_000);
    }
  }
});
