/** Axis and path arithmetic for the small SVG charts; no DOM, so it is tested in Node. */

export interface Linear {
  min: number;
  max: number;
  ticks: number[];
}

/** Round tick steps (1, 2, 2.5, 5 × 10^n) covering [min, max] with about `count` ticks. */
export function niceScale(min: number, max: number, count = 5): Linear {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1, ticks: [0, 1] };
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.05 : 1;
    return niceScale(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  // Rounding keeps 0.1 + 0.2 from printing as 0.30000000000000004.
  const round = (v: number): number => Number(v.toPrecision(12));
  const lo = round(Math.floor(min / step) * step);
  const hi = round(Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(round(v));
  return { min: lo, max: hi, ticks };
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const timeSteps = [MIN, 2 * MIN, 5 * MIN, 10 * MIN, 15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR];

/** Time ticks on whole minutes/hours of local time, about `count` of them. */
export function timeTicks(from: number, to: number, count = 6, tzOffsetMin = new Date(from).getTimezoneOffset()): number[] {
  const span = to - from;
  const step = timeSteps.find((s) => span / s <= count) ?? 24 * HOUR;
  const offset = -tzOffsetMin * MIN;
  const first = Math.ceil((from + offset) / step) * step - offset;
  const ticks: number[] = [];
  for (let t = first; t <= to; t += step) ticks.push(t);
  return ticks;
}

export interface XY {
  x: number;
  y: number;
}

/**
 * SVG path of a series, broken where samples are further apart than `gap` (no line is drawn
 * across a time when nothing was recorded). `step` draws a staircase, for on/off values.
 */
export function linePath(points: readonly (XY & { t: number })[], gap: number, step = false): string {
  let d = '';
  let prev: (XY & { t: number }) | null = null;
  for (const p of points) {
    if (!prev || p.t - prev.t > gap) d += `M${p.x.toFixed(1)},${p.y.toFixed(1)}`;
    else if (step) d += `H${p.x.toFixed(1)}V${p.y.toFixed(1)}`;
    else d += `L${p.x.toFixed(1)},${p.y.toFixed(1)}`;
    prev = p;
  }
  return d;
}

/** The min–max band of bucketed history as closed polygons, one per unbroken run. */
export function bandPath(points: readonly { t: number; x: number; yMin: number; yMax: number }[], gap: number): string {
  const runs: (typeof points)[number][][] = [];
  for (const p of points) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && p.t - last.t <= gap) run.push(p);
    else runs.push([p]);
  }
  return runs
    .filter((r) => r.length > 1)
    .map((r) => {
      const top = r.map((p) => `${p.x.toFixed(1)},${p.yMax.toFixed(1)}`).join('L');
      const bottom = [...r].reverse().map((p) => `${p.x.toFixed(1)},${p.yMin.toFixed(1)}`).join('L');
      return `M${top}L${bottom}Z`;
    })
    .join('');
}

/** The usual spacing of the samples (median), from which a gap in the record is judged. */
export function typicalSpacing(times: readonly number[]): number {
  if (times.length < 2) return Infinity;
  const d: number[] = [];
  for (let i = 1; i < times.length; i++) d.push(times[i]! - times[i - 1]!);
  d.sort((a, b) => a - b);
  return d[Math.floor(d.length / 2)]!;
}
