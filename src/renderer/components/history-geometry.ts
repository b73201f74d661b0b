/** Geometry of HistoryChart, without the DOM so that it is tested in Node. */
import type { MethodOutput } from '../../shared/contract';
import { axisLabels, axisWidth, bandPath, linePath, niceScale, timeTicks, typicalSpacing, type Linear } from './chart-scale';

export type HistoryBucket = MethodOutput<'history.query'>['samples'][number];

export interface HistoryGeometryInput {
  samples: readonly HistoryBucket[];
  from: number;
  to: number;
  /** Bucket width; 0 for raw samples. */
  bucketMs: number;
  /** On/off values are drawn as a staircase between 0 and 1. */
  binary: boolean;
  width: number;
  height: number;
  /** Font size of the axis labels in px, from which the y axis takes its width. */
  labelPx: number;
}

export interface PlotPoint {
  t: number;
  x: number;
  y: number;
  yMin: number;
  yMax: number;
}

export interface HistoryGeometry {
  /** The plot area: left edge (after the y labels), width and height. */
  left: number;
  top: number;
  w: number;
  h: number;
  y: Linear;
  yLabels: string[];
  sx: (t: number) => number;
  sy: (v: number) => number;
  line: string;
  band: string;
  xTicks: number[];
  pts: PlotPoint[];
  /** Samples with a gap on both sides: no line reaches them, so they are drawn as dots. */
  lone: PlotPoint[];
}

/** Margins other than the left one, which follows the widest y label. */
const MARGIN = { right: 14, top: 12, bottom: 34 } as const;
/** Never narrower than this, so the plot does not jump sideways between short labels. */
const MIN_LEFT = 36;

export function historyGeometry({ samples, from, to, bucketMs, binary, width, height, labelPx }: HistoryGeometryInput): HistoryGeometry {
  const h = height - MARGIN.top - MARGIN.bottom;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of samples) {
    lo = Math.min(lo, s.min);
    hi = Math.max(hi, s.max);
  }
  const y = binary ? { min: 0, max: 1, ticks: [0, 1] } : niceScale(lo, hi, Math.max(3, Math.round(h / 45)));
  const yLabels = binary ? y.ticks.map((v) => (v === 1 ? 'on' : 'off')) : axisLabels(y.ticks);
  const left = Math.max(MIN_LEFT, axisWidth(yLabels, labelPx));
  const w = Math.max(0, width - left - MARGIN.right);
  const sx = (t: number): number => left + ((t - from) / (to - from)) * w;
  const pad = binary ? 0.1 : 0;
  const sy = (v: number): number => MARGIN.top + h - ((v - y.min + pad) / (y.max - y.min + 2 * pad)) * h;
  const gap = bucketMs > 0 ? bucketMs * 2.5 : typicalSpacing(samples.map((s) => s.ts)) * 4;
  const pts = samples.map((s) => ({ t: s.ts, x: sx(s.ts), y: sy(s.value), yMin: sy(s.min), yMax: sy(s.max) }));
  const cut = (a: PlotPoint | undefined, b: PlotPoint | undefined): boolean => !a || !b || b.t - a.t > gap;
  return {
    left,
    top: MARGIN.top,
    w,
    h,
    y,
    yLabels,
    sx,
    sy,
    line: linePath(pts, gap, binary),
    band: bucketMs > 0 && !binary ? bandPath(pts, gap) : '',
    xTicks: timeTicks(from, to, Math.max(3, Math.round(w / 110))),
    pts,
    lone: pts.filter((p, i) => cut(pts[i - 1], p) && cut(p, pts[i + 1])),
  };
}
