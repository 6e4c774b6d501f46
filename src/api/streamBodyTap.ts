// What the two body taps share (steps/stepMetaTap.ts, results/outputTap.ts): they read a response
// only when it is a binary Connect or gRPC-Web stream that answered, and hand the client the same
// response with the tapped body.

/** The response is a binary Connect or gRPC-Web stream with a body to read. */
export function isTappableStream(res: Response): res is Response & { body: ReadableStream<Uint8Array> } {
  const type = res.headers.get("content-type") ?? "";
  const binary = type.startsWith("application/connect+proto") || type.startsWith("application/grpc-web+proto");
  return res.ok && res.body !== null && binary;
}

/** `res` with `body` in place of its own (status and headers kept). */
export function withBody(res: Response, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}
