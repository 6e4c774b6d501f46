// Test helper: a message in the 5-byte envelope Connect and gRPC-Web share (flags, big-endian length).
export function envelope(flags: number, message: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + message.length);
  out[0] = flags;
  new DataView(out.buffer).setUint32(1, message.length);
  out.set(message, 5);
  return out;
}
