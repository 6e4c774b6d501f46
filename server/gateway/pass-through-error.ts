// An upstream error, re-raised to the browser with the same code, message and details
// (google.rpc.BadRequest field violations and the like). The upstream's response metadata is not
// copied wholesale: its protocol headers (content-type, grpc-status…) would corrupt the browser's
// response. Only correlation headers travel back. When the upstream could not be reached at all,
// the browser learns that (and the errno), not the upstream's internal address.
import { ConnectError } from "@connectrpc/connect";
import { CORRELATION_HEADERS } from "./forward-headers";

export function passThroughError(reason: unknown): ConnectError {
  const source = ConnectError.from(reason);
  const metadata = new Headers();
  for (const name of CORRELATION_HEADERS) {
    const value = source.metadata.get(name);
    if (value !== null) metadata.set(name, value);
  }
  const errno = networkErrno(source.cause);
  const message = errno === null ? source.rawMessage : `the upstream Scriptum cannot be reached (${errno})`;
  const error = new ConnectError(message, source.code, metadata, undefined, source.cause);
  // Incoming details (type name + bytes) are written back to the wire as they came.
  error.details = source.details;
  return error;
}

/** "ECONNREFUSED", "ENOTFOUND"…: the upstream was never reached. */
function networkErrno(cause: unknown): string | null {
  if (!(cause instanceof Error) || !("code" in cause)) return null;
  const code = (cause as { code: unknown }).code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) ? code : null;
}
