// Connects an OutputTap (outputTap.ts) to the one call it belongs to. The caller puts the tap in
// the call's context values (OUTPUT_TAP); the interceptor, which runs just before the transport's
// fetch, marks the request with a header naming the tap; the transport's fetch (outputTapFetch)
// takes the mark off again, so it never leaves the page, and reads that response's body through
// the tap, waiting for each of the tap's writes before it reads on (so a slow disk slows the
// download instead of filling memory). Calls without a tap are untouched; so is a response that
// is not a binary Connect or gRPC-Web stream (an error, JSON).
import { createContextKey, type Interceptor } from "@connectrpc/connect";
import { isTappableStream, withBody } from "../streamBodyTap";
import type { OutputTap } from "./outputTap";

export const OUTPUT_TAP = createContextKey<OutputTap | undefined>(undefined, { description: "output tap" });

/** Page-internal: removed by outputTapFetch before the request is sent. */
const TAP_HEADER = "x-scriptum-console-output-tap";

const registered = new Map<string, OutputTap>();
let counter = 0;

export const outputTapInterceptor: Interceptor = (next) => async (req) => {
  const tap = req.contextValues.get(OUTPUT_TAP);
  if (tap === undefined || !req.stream) return next(req);
  const id = String(++counter);
  registered.set(id, tap);
  req.header.set(TAP_HEADER, id);
  try {
    return await next(req);
  } finally {
    registered.delete(id);
  }
};

export function outputTapFetch(base: typeof fetch = (...args) => globalThis.fetch(...args)): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    const id = headers.get(TAP_HEADER);
    if (id === null) return base(input, init);
    headers.delete(TAP_HEADER);
    const tap = registered.get(id);
    const res = await base(input, { ...init, headers });
    if (tap === undefined || !isTappableStream(res)) return res;
    const body = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        async transform(chunk, controller) {
          const { client, writes } = tap.push(chunk);
          for (const bytes of writes) await tap.write(bytes);
          for (const bytes of client) controller.enqueue(bytes);
        },
      }),
    );
    return withBody(res, body);
  };
}
