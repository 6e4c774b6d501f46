// Decoding a payload the service sends as bytes: JSON when it parses, plain text otherwise.

export type Payload =
  | { kind: "empty" }
  | { kind: "json"; value: unknown; text: string }
  | { kind: "text"; text: string };

const decoder = new TextDecoder("utf-8", { fatal: false });

export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function parsePayloadText(text: string): Payload {
  if (text.trim() === "") return { kind: "empty" };
  try {
    return { kind: "json", value: JSON.parse(text) as unknown, text };
  } catch {
    return { kind: "text", text };
  }
}

export function parsePayloadBytes(bytes: Uint8Array): Payload {
  return parsePayloadText(decodeText(bytes));
}

/** "1.5 KiB", "6.0 MiB": sizes as people read them. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "?";
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
