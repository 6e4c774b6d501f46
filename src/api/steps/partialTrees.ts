// When the step-tree worker shows the steps decoded so far while a big meta still arrives and
// decodes. The top of the tree comes first (the service lists steps in tree order), so the first
// partial tree is posted as soon as FIRST_PARTIAL_STEPS are decoded, when at least
// FIRST_PARTIAL_REMAINING bytes are still to decode (for a small meta the whole tree is as
// quick); then at most every PARTIAL_EVERY_MS while less than half is decoded, so rows keep
// growing on a slow link without a rebuild for every chunk.

/** More steps than any screen shows rows of, at the top of the tree. */
export const FIRST_PARTIAL_STEPS = 2_000;
/** About 20,000 summaries: worth showing the top meanwhile. */
export const FIRST_PARTIAL_REMAINING = 1 << 20;
export const PARTIAL_EVERY_MS = 1_000;

export interface MetaProgress {
  decodedSteps: number;
  /** Bytes of the meta decoded so far, and its length (known from its first bytes). */
  decodedBytes: number;
  totalBytes: number;
}

/** lastPartialAt: when the last partial tree was posted (ms), undefined before the first. */
export function partialDue(p: MetaProgress, now: number, lastPartialAt: number | undefined): boolean {
  if (p.decodedBytes >= p.totalBytes) return false;
  if (lastPartialAt === undefined) {
    return p.decodedSteps >= FIRST_PARTIAL_STEPS && p.totalBytes - p.decodedBytes >= FIRST_PARTIAL_REMAINING;
  }
  // Each partial tree is built from every step so far: past half the meta, the whole tree is
  // nearer than the cost of another partial one is worth.
  return now - lastPartialAt >= PARTIAL_EVERY_MS && p.decodedBytes * 2 < p.totalBytes;
}
