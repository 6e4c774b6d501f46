// Small helpers for plain HTTP answers of the console server.
import type { ConnectNodeAdapterOptions } from "@connectrpc/connect-node";

type NodeHandler = NonNullable<ConnectNodeAdapterOptions["fallback"]>;
/** The request and response types of connect-node's handlers (http and http2 alike). */
export type NodeRequest = Parameters<NodeHandler>[0];
export type NodeResponse = Parameters<NodeHandler>[1];

export function sendText(
  res: NodeResponse,
  status: number,
  text: string,
  contentType = "text/plain; charset=utf-8",
): void {
  const body = Buffer.from(text, "utf8");
  res.setHeader("Content-Type", contentType);
  res.setHeader("Content-Length", body.length);
  res.writeHead(status);
  res.end(body);
}

export function sendJson(res: NodeResponse, status: number, value: unknown): void {
  res.setHeader("Cache-Control", "no-store");
  sendText(res, status, `${JSON.stringify(value)}\n`, "application/json; charset=utf-8");
}

/** Reads a request body of at most maxBytes; null when it is larger. */
export async function readBody(req: NodeRequest, maxBytes: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxBytes) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
