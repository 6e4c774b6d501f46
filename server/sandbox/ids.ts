// Thread ids: "thr_" + 10 base32 characters of the creation time in ms + 10 random ones,
// so ids sort by creation time (Crockford alphabet, lower case).

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function encodeBase32(value: number, length: number): string {
  let out = "";
  let v = value;
  for (let i = 0; i < length; i++) {
    out = (ALPHABET[v % 32] ?? "0") + out;
    v = Math.floor(v / 32);
  }
  return out;
}

/** A new thread id; `rand` returns floats in [0, 1) (Math.random, or a seeded PRNG). */
export function newThreadId(nowMs: number, rand: () => number = Math.random): string {
  let random = "";
  for (let i = 0; i < 10; i++) random += ALPHABET[Math.floor(rand() * 32)] ?? "0";
  return `thr_${encodeBase32(Math.max(0, Math.floor(nowMs)), 10)}${random}`;
}
