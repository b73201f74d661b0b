import { useMemo, useRef, useState, type MouseEvent } from 'react';
import { qualityLevel } from '../../shared/quality';
import { formatClock, formatNumber } from '../lib/format';
import { useElementWidth } from '../lib/use-element-width';
import { textWidthEm } from './chart-scale';
import { historyGeometry, type HistoryBucket } from './history-geometry';

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

const STRIP = 5;
/** Font sizes of the axis labels and the hover readout; set here, not in CSS, as the layout is computed from them. */
const LABEL_REM = 0.78;
const READOUT_REM = 0.85;

/** The root font size in px: the theme scales it with the window, and the labels with it. */
function remPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

/**
 * History as inline SVG: the mean (or raw value) as a line, the min–max of each bucket as a
 * band, gaps in the record left open, and a strip along the bottom where quality was not good.
 * The y axis is as wide as its widest label.
 */
export function HistoryChart({ samples, from, to, bucketMs, unit, binary, label, height = 240 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const [hover, setHover] = useState<number | null>(null);

  // The width changes with the window, and so does the root font size (see theme.css).
  const rem = useMemo(() => (width > 0 ? remPx() : 16), [width]);
  const geo = useMemo(
    () => historyGeometry({ samples, from, to, bucketMs, binary, width, height, labelPx: LABEL_REM * rem }),
    [samples, from, to, bucketMs, binary, width, height, rem],
  );

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
  const readout = hovered
    ? `${formatClock(hovered.ts)} ${fmt(hovered.value)}${bucketMs > 0 && !binary ? ` (${formatNumber(hovered.min)}–${formatNumber(hovered.max)})` : ''}`
    : '';
  // The readout is centred on the hovered sample but kept inside the plot (or centred on it when wider).
  const half = (textWidthEm(readout) * READOUT_REM * rem) / 2;
  const readoutX = (x: number): number =>
    half * 2 >= geo.w ? geo.left + geo.w / 2 : Math.min(Math.max(x, geo.left + half), geo.left + geo.w - half);
  const stripW = Math.max(2, bucketMs > 0 ? (bucketMs / (to - from)) * geo.w : 2);
  const bottom = geo.top + geo.h;

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
          <g className="chart-grid" fontSize={`${LABEL_REM}rem`}>
            {geo.y.ticks.map((v, i) => (
              <g key={`y${v}`}>
                <line x1={geo.left} x2={geo.left + geo.w} y1={geo.sy(v)} y2={geo.sy(v)} />
                <text x={geo.left - 8} y={geo.sy(v)} className="chart-label y">
                  {geo.yLabels[i]}
                </text>
              </g>
            ))}
            {geo.xTicks.map((t) => (
              <g key={`x${t}`}>
                <line x1={geo.sx(t)} x2={geo.sx(t)} y1={geo.top} y2={bottom} />
                <text x={geo.sx(t)} y={bottom + STRIP + 18} className="chart-label x">
                  {formatClock(t).slice(0, 5)}
                </text>
              </g>
            ))}
          </g>
          {geo.band && <path className="chart-band" d={geo.band} />}
          <path className="chart-line" d={geo.line} />
          <g className="chart-lone">
            {geo.lone.map((p) => (
              <circle key={p.t} cx={p.x} cy={p.y} r={2.5} />
            ))}
          </g>
          <g className="chart-quality">
            {samples.map((s, i) =>
              s.quality === 0 ? null : (
                <rect key={s.ts} className={`q-${qualityLevel(s.quality)}`} x={geo.pts[i]!.x - stripW / 2} y={bottom + 2} width={stripW} height={STRIP} />
              ),
            )}
          </g>
          {hovered && hoveredPt && (
            <g className="chart-hover">
              <line x1={hoveredPt.x} x2={hoveredPt.x} y1={geo.top} y2={bottom} />
              <circle cx={hoveredPt.x} cy={hoveredPt.y} r={4} />
              <text x={readoutX(hoveredPt.x)} y={geo.top + 14} className="chart-readout" fontSize={`${READOUT_REM}rem`}>
                {readout}
              </text>
            </g>
          )}
        </svg>
      )}
    </div>
  );
}
