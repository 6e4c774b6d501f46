// A raw HTTP request (no automatic decompression, unlike fetch), for header-level assertions.
import { request } from "node:http";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function httpRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET", headers: init.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

export async function postJson(url: string, value: unknown): Promise<{ status: number; json: unknown }> {
  const res = await httpRequest(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof value === "string" ? value : JSON.stringify(value),
  });
  return { status: res.status, json: JSON.parse(res.body.toString("utf8")) as unknown };
}

export async function getJson(url: string): Promise<{ status: number; json: unknown }> {
  const res = await httpRequest(url);
  const text = res.body.toString("utf8");
  let json: unknown = text;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, json };
}
