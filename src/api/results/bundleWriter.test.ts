import { describe, expect, it } from "vitest";
import { unzipSync } from "fflate";
import type { ByteSink } from "./byteSink";
import { zipWriter } from "./bundleWriter";
import { concatBytes } from "../steps/chunkAssembler";

function memorySink(): ByteSink & { bytes(): Uint8Array; closed: boolean } {
  const parts: Uint8Array[] = [];
  const sink = {
    kind: "blob" as const,
    closed: false,
    write: async (b: Uint8Array) => {
      parts.push(b.slice());
    },
    close: async () => {
      sink.closed = true;
    },
    abort: async () => undefined,
    bytes: () => concatBytes(parts),
  };
  return sink;
}

describe("zipWriter", () => {
  it("streams files, folders included, into a zip that unzips to the same bytes", async () => {
    const sink = memorySink();
    const zip = zipWriter(sink);
    const enc = new TextEncoder();
    const out = await zip.open("output.json");
    await out.write(enc.encode('{"a":'));
    await out.write(enc.encode("1}"));
    await out.close();
    const step = await zip.open("steps/1.2.0.json");
    await step.write(enc.encode("{}"));
    await step.close();
    await zip.close();
    expect(sink.closed).toBe(true);
    const files = unzipSync(sink.bytes());
    expect(Object.keys(files).sort()).toEqual(["output.json", "steps/1.2.0.json"]);
    expect(new TextDecoder().decode(files["output.json"])).toBe('{"a":1}');
  });
});
