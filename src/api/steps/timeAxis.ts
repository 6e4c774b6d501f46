// Where a step's bar sits on the thread's time axis, as fractions of the axis width.

export interface BarPlacement {
  left: number;
  width: number;
  /** The step has not finished: the bar runs to "now" (or the axis end). */
  open: boolean;
}

/** The narrowest bar drawn, so an instant step is still visible. */
export const MIN_BAR_WIDTH = 0.004;

export function placeBar(
  startedAtMs: number,
  finishedAtMs: number,
  axisStartMs: number,
  axisEndMs: number,
  nowMs: number,
): BarPlacement | null {
  if (startedAtMs <= 0 || axisStartMs <= 0) return null;
  const open = finishedAtMs <= 0;
  const end = Math.max(axisEndMs, open ? nowMs : 0, axisStartMs + 1);
  const span = end - axisStartMs;
  const from = clamp01((startedAtMs - axisStartMs) / span);
  const to = clamp01(((open ? Math.max(nowMs, startedAtMs) : finishedAtMs) - axisStartMs) / span);
  const width = Math.max(MIN_BAR_WIDTH, to - from);
  return { left: Math.min(from, 1 - width), width, open };
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}
