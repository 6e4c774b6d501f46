// The whole thread output through StreamThreadResult: a ThreadOutputMeta, then OutputChunks
// reassembled by chunk_index and handed to a sink in order, so memory holds only chunks that
// arrived early, never the output. Where the transport has the output tap (outputTapFetch.ts, the
// app's transport), chunks that come in order are written by the tap straight from the response
// body and the client reads stand-ins for them; the rest goes the client's way, as without a tap.
import { createContextValues } from "@connectrpc/connect";
import type { ThreadOutputMeta } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { assertNever } from "../../assertNever";
import type { ScriptumClient } from "../client";
import { ChunkAssembler } from "../steps/chunkAssembler";
import { OutputTap } from "./outputTap";
import { OUTPUT_TAP } from "./outputTapFetch";

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
  /** Bytes the output tap wrote straight from the response body (0 where the transport has none). */
  tappedBytes: number;
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
  const tap = new OutputTap(write);
  const stream = client.streamThreadResult(
    { threadId, maxChunkBytes: BigInt(options.maxChunkBytes ?? DEFAULT_CHUNK_BYTES) },
    { contextValues: createContextValues().set(OUTPUT_TAP, tap), ...(options.signal ? { signal: options.signal } : {}) },
  );
  for await (const res of stream) {
    const c = res.chunk;
    // Every message has its record: a stand-in when the tap wrote that chunk's bytes already.
    const record = tap.nextRecord();
    const standIn = record?.standIn === true ? record : undefined;
    if (standIn !== undefined && c.case !== "data") throw tapDisagrees(standIn.index);
    switch (c.case) {
      case "meta":
        totalBytes = Number(c.value.totalBytes);
        contentType = c.value.contentType;
        options.onMeta?.(c.value);
        break;
      case "data": {
        const index = Number(c.value.chunkIndex);
        if (standIn !== undefined) {
          // The client read a stand-in (no data) for bytes the tap wrote.
          if (index !== standIn.index || c.value.data.length !== 0 || !asm.releasedElsewhere(index, standIn.length, standIn.isFinal)) {
            throw tapDisagrees(standIn.index);
          }
          written += standIn.length;
        } else {
          asm.add(index, c.value.data, c.value.isFinal);
          for (const piece of asm.take()) {
            await write(piece);
            written += piece.length;
          }
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
  return { totalBytes, writtenBytes: written, complete, missing: p.missing, contentType, tappedBytes: tap.writtenBytes };
}

function tapDisagrees(index: number): Error {
  return new Error(`output chunk ${index}: the stream and its tap disagree`);
}
