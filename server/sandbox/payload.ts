// Reading payloads as bytes, whatever their kind.
import { assertNever } from "./assertNever.js";
import { bigJsonSource, type ByteSource } from "./bigJson.js";
import type { Payload } from "./model.js";

export function payloadSource(payload: Payload): ByteSource {
  switch (payload.kind) {
    case "json": {
      const bytes = Buffer.from(payload.text, "utf8");
      return { size: bytes.length, read: (s, e) => bytes.subarray(s, e) };
    }
    case "gen":
      return bigJsonSource(payload.gen);
    case "bytes": {
      const bytes = Buffer.from(payload.b64, "base64");
      return { size: bytes.length, read: (s, e) => bytes.subarray(s, e) };
    }
    default:
      return assertNever(payload, "payload kind");
  }
}

export function payloadSize(payload: Payload | null): number {
  if (payload === null) return 0;
  switch (payload.kind) {
    case "json":
      return Buffer.byteLength(payload.text, "utf8");
    case "gen":
      return payload.gen.bytes;
    case "bytes":
      return Buffer.from(payload.b64, "base64").length;
    default:
      return assertNever(payload, "payload kind");
  }
}

/** The JSON value of a small payload (generated ones are never parsed). */
export function payloadValue(payload: Payload | null): unknown {
  if (payload === null || payload.kind !== "json") return undefined;
  return JSON.parse(payload.text) as unknown;
}
