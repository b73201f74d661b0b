import { useMemo, useRef, useState, type MouseEvent } from 'react';
import type { MethodOutput } from '../../shared/contract';
import { qualityLevel } from '../../shared/quality';
import { formatClock, formatNumber } from '../lib/format';
import { useElementWidth } from '../lib/use-element-width';
import { bandPath, linePath, niceScale, timeTicks, typicalSpacing } from './chart-scale';

type HistoryBucket = MethodOutput<'history.query'>['samples'][number];

interface Props {
  samples: readonly HistoryBucket[];
  from: number;
  to: number;
  /** Bucket width; 0 for raw samples. */
  bucketMs: number;
  unit: string | null;
  /** On/off values are drawn as a staircase between 0 and 1. */
  binary: boolean;
  label: string;
  height?: number;
}

const M = { left: 58, right: 14, top: 12, bottom: 34 };
const STRIP = 5;

/**
 * History as inline SVG: the mean (or raw value) as a line, the min–max of each bucket as a
 * band, gaps in the record left open, and a strip along the bottom where quality was not good.
 */
export function HistoryChart({ samples, from, to, bucketMs, unit, binary, label, height = 240 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const [hover, setHover] = useState<number | null>(null);

  const geo = useMemo(() => {
    const w = Math.max(0, width - M.left - M.right);
    const h = height - M.top - M.bottom;
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of samples) {
      lo = Math.min(lo, s.min);
      hi = Math.max(hi, s.max);
    }
    const y = binary ? { min: 0, max: 1, ticks: [0, 1] } : niceScale(lo, hi, Math.max(3, Math.round(h / 45)));
    const sx = (t: number): number => M.left + ((t - from) / (to - from)) * w;
    const pad = binary ? 0.1 : 0;
    const sy = (v: number): number => M.top + h - ((v - y.min + pad) / (y.max - y.min + 2 * pad)) * h;
    const gap = bucketMs > 0 ? bucketMs * 2.5 : typicalSpacing(samples.map((s) => s.ts)) * 4;
    const pts = samples.map((s) => ({ t: s.ts, x: sx(s.ts), y: sy(s.value), yMin: sy(s.min), yMax: sy(s.max) }));
    return {
      w,
      h,
      y,
      sx,
      sy,
      line: linePath(pts, gap, binary),
      band: bucketMs > 0 && !binary ? bandPath(pts, gap) : '',
      xTicks: timeTicks(from, to, Math.max(3, Math.round(w / 110))),
      pts,
    };
  }, [samples, from, to, bucketMs, binary, width, height]);

  const onMove = (e: MouseEvent<SVGSVGElement>): void => {
    if (geo.pts.length === 0) return;
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
    let best = 0;
    for (let i = 1; i < geo.pts.length; i++) if (Math.abs(geo.pts[i]!.x - x) < Math.abs(geo.pts[best]!.x - x)) best = i;
    setHover(best);
  };

  const hovered = hover !== null ? samples[hover] : undefined;
  const hoveredPt = hover !== null ? geo.pts[hover] : undefined;
  const fmt = (v: number): string => (binary ? (v >= 0.5 ? 'on' : 'off') : `${formatNumber(v)}${unit ? ` ${unit}` : ''}`);
  const stripW = Math.max(2, bucketMs > 0 ? (bucketMs / (to - from)) * geo.w : 2);

  return (
    <div className="chart" ref={box}>
      {samples.length === 0 && <p className="muted chart-placeholder">No samples in this period.</p>}
      {width > 0 && samples.length > 0 && (
        <svg
          width={width}
          height={height}
          role="img"
          aria-label={label}
          data-testid="history-chart"
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        >
          <g className="chart-grid">
            {geo.y.ticks.map((v) => (
              <g key={`y${v}`}>
                <line x1={M.left} x2={M.left + geo.w} y1={geo.sy(v)} y2={geo.sy(v)} />
                <text x={M.left - 8} y={geo.sy(v)} className="chart-label y">
                  {binary ? (v === 1 ? 'on' : 'off') : formatNumber(v)}
                </text>
              </g>
            ))}
            {geo.xTicks.map((t) => (
              <g key={`x${t}`}>
                <line x1={geo.sx(t)} x2={geo.sx(t)} y1={M.top} y2={M.top + geo.h} />
                <text x={geo.sx(t)} y={M.top + geo.h + STRIP + 18} className="chart-label x">
                  {formatClock(t).slice(0, 5)}
                </text>
              </g>
            ))}
          </g>
          {geo.band && <path className="chart-band" d={geo.band} />}
          <path className="chart-line" d={geo.line} />
          <g className="chart-quality">
            {samples.map((s, i) =>
              s.quality === 0 ? null : (
                <rect
                  key={s.ts}
                  className={`q-${qualityLevel(s.quality)}`}
                  x={geo.pts[i]!.x - stripW / 2}
                  y={M.top + geo.h + 2}
                  width={stripW}
                  height={STRIP}
                />
              ),
            )}
          </g>
          {hovered && hoveredPt && (
            <g className="chart-hover">
              <line x1={hoveredPt.x} x2={hoveredPt.x} y1={M.top} y2={M.top + geo.h} />
              <circle cx={hoveredPt.x} cy={hoveredPt.y} r={4} />
              <text x={Math.min(Math.max(hoveredPt.x, M.left + 70), M.left + geo.w - 70)} y={M.top + 14} className="chart-readout">
                {formatClock(hovered.ts)} {fmt(hovered.value)}
                {bucketMs > 0 && !binary ? ` (${formatNumber(hovered.min)}–${formatNumber(hovered.max)})` : ''}
              </text>
            </g>
          )}
        </svg>
      )}
    </div>
  );
}
