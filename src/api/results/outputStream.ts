// The whole thread output through StreamThreadResult: a ThreadOutputMeta, then OutputChunks
// reassembled by chunk_index and handed to a sink in order, so memory holds only chunks that
// arrived early, never the output.
import type { ThreadOutputMeta } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { assertNever } from "../../assertNever";
import type { ScriptumClient } from "../client";
import { ChunkAssembler } from "../steps/chunkAssembler";

export interface OutputProgress {
  receivedBytes: number;
  writtenBytes: number;
  /** 0 until the meta record says. */
  totalBytes: number;
}

export interface OutputStreamResult {
  totalBytes: number;
  writtenBytes: number;
  /** Every chunk up to the final one arrived and was written. */
  complete: boolean;
  /** Chunk indices that never came (when not complete). */
  missing: number[];
  contentType: string;
}

export const DEFAULT_CHUNK_BYTES = 2 * 1024 * 1024;

export async function streamThreadOutput(
  client: ScriptumClient,
  threadId: string,
  write: (bytes: Uint8Array) => Promise<void>,
  options: {
    signal?: AbortSignal;
    onMeta?: (meta: ThreadOutputMeta) => void;
    onProgress?: (p: OutputProgress) => void;
    maxChunkBytes?: number;
  } = {},
): Promise<OutputStreamResult> {
  const asm = new ChunkAssembler();
  let totalBytes = 0;
  let contentType = "";
  let written = 0;
  const stream = client.streamThreadResult(
    { threadId, maxChunkBytes: BigInt(options.maxChunkBytes ?? DEFAULT_CHUNK_BYTES) },
    options.signal ? { signal: options.signal } : {},
  );
  for await (const res of stream) {
    const c = res.chunk;
    switch (c.case) {
      case "meta":
        totalBytes = Number(c.value.totalBytes);
        contentType = c.value.contentType;
        options.onMeta?.(c.value);
        break;
      case "data": {
        asm.add(Number(c.value.chunkIndex), c.value.data, c.value.isFinal);
        for (const piece of asm.take()) {
          await write(piece);
          written += piece.length;
        }
        options.onProgress?.({ receivedBytes: asm.progress().receivedBytes, writtenBytes: written, totalBytes });
        break;
      }
      case undefined:
        break;
      default:
        assertNever(c, "output stream record");
    }
  }
  const p = asm.progress();
  // An empty output may come as a meta record alone.
  const complete = p.complete || (totalBytes === 0 && p.receivedBytes === 0);
  return { totalBytes, writtenBytes: written, complete, missing: p.missing, contentType };
}
