// Mapping between a virtual list height (rows × row height, 28 M px for a million rows) and the
// real scroll height, capped well below what browsers can lay out (about 16.7 M px in some).

export const MAX_SCROLL_PX = 8_000_000;

export interface ScrollScale {
  /** Height of the scrolling content element. */
  realHeight: number;
  /** Virtual pixels per real pixel of scrolling (1 when nothing is capped). */
  factor: number;
}

export function scrollScale(count: number, rowHeight: number, viewport: number, cap = MAX_SCROLL_PX): ScrollScale {
  const total = count * rowHeight;
  if (total <= cap) return { realHeight: total, factor: 1 };
  const virtualRange = total - viewport;
  const realRange = Math.max(1, cap - viewport);
  return { realHeight: cap, factor: Math.max(1, virtualRange / realRange) };
}

/** The real scrollTop that shows `index` with the least movement, or null when it is visible. */
export function scrollTopFor(
  index: number,
  rowHeight: number,
  viewport: number,
  realScrollTop: number,
  factor: number,
): number | null {
  const top = index * rowHeight;
  const offset = realScrollTop * factor;
  if (top < offset) return top / factor;
  if (top + rowHeight > offset + viewport) return (top + rowHeight - viewport) / factor;
  return null;
}

export interface RowRange {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
}

/**
 * The rows a fixed-height list shows at a virtual scroll offset, plus `overscan` on each side:
 * arithmetic on the row height, so its cost does not grow with the number of rows.
 */
export function rowRange(offset: number, viewport: number, rowHeight: number, count: number, overscan: number): RowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const maxOffset = Math.max(0, count * rowHeight - viewport);
  const top = Math.min(Math.max(0, offset), maxOffset);
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(0, viewport)) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + overscan) };
}
