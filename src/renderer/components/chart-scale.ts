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

/** Decimals that tell values `step` apart: 5 → 0, 0.5 → 1, 0.25 → 2. */
export function stepDecimals(step: number): number {
  if (!(Math.abs(step) > 0) || !Number.isFinite(step)) return 0;
  for (let d = 0; d < 12; d++) {
    const v = Math.abs(step) * 10 ** d;
    // Whole to within float noise: 0.1 × 10 is 1.0000000000000002.
    if (Math.round(v) > 0 && Math.abs(v - Math.round(v)) < 1e-6 * v) return d;
  }
  return 12;
}

const axisPrefixes: readonly (readonly [number, string])[] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
];

/**
 * Labels of a value axis, all with the decimals their step needs so neighbours never read the
 * same. Millions and up read compact (9.5 M) when two decimals still tell the ticks apart;
 * a counter that moved by a few units over the period keeps its digits (9,638,450).
 */
export function axisLabels(ticks: readonly number[]): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  const largest = Math.max(0, ...ticks.map(Math.abs));
  const prefix = axisPrefixes.find(([size]) => largest >= size);
  const fixed = (v: number, decimals: number, grouping: boolean): string =>
    v.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: grouping });
  if (prefix) {
    const decimals = stepDecimals(step / prefix[0]);
    if (decimals <= 2) return ticks.map((t) => (t === 0 ? '0' : `${fixed(t / prefix[0], decimals, true)} ${prefix[1]}`));
  }
  const decimals = stepDecimals(step);
  return ticks.map((t) => (t === 0 ? '0' : fixed(t, decimals, largest >= 10_000)));
}

/**
 * Width of a text in em, from advance widths rounded up from DejaVu Sans (the widest of the
 * usual UI fonts): close enough to size an axis without measuring text in the DOM.
 */
export function textWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) em += /\d/.test(ch) ? 0.64 : ch === ',' || ch === '.' || ch === ' ' || ch === ':' ? 0.34 : ch === '-' ? 0.37 : 0.87;
  return em;
}

/** Room for the y labels left of the plot: the widest label and the gap to the axis. */
export function axisWidth(labels: readonly string[], fontPx: number, gap = 8): number {
  const widest = Math.max(0, ...labels.map((l) => textWidthEm(l) * fontPx));
  return Math.ceil(widest + gap);
}
