import type { LatestValue } from '../../shared/contract/schemas/points';

type SampleValue = LatestValue['value'];

/** From a thousand million on, whole numbers no longer read at a glance: they are abbreviated. */
const FULL_BELOW = 1e9;
const prefixes: readonly (readonly [number, string])[] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * Fewer decimals as numbers grow, thousands separated from 10,000 on, abbreviated from a
 * thousand million on: 0.00125, 0.125, 21.44, 412.5, 1234, 12,034, 9,638,445, 12.35 G.
 * Below 1 three significant digits, so a small reading never shows as 0.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // -0 would print as "-0".
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (Math.round(abs) >= FULL_BELOW) return formatCompact(n, 4);
  if (abs < 1) return n.toLocaleString('en-GB', { maximumSignificantDigits: 3 });
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : 2;
  // 9999.6 rounds to 10,000, which is grouped like any number of its size.
  return n.toLocaleString('en-GB', { maximumFractionDigits: digits, useGrouping: Math.round(abs) >= 10_000 });
}

/** A count of things, in full with thousands separators: 1,463 messages. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

/**
 * A number in at most `significant` digits with an SI prefix: 9.64 M, 250 k, 1.2 G (and a
 * power of ten past T). Rounded before the prefix is chosen, so 999,950 reads 1 M, not 1,000 k.
 */
export function formatCompact(n: number, significant = 3): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Number(n.toPrecision(significant));
  if (rounded === 0) return '0';
  // Past the largest prefix, a power of ten says it shortest.
  if (Math.abs(rounded) >= 1e15) return rounded.toExponential(significant - 1);
  const prefix = prefixes.find(([size]) => Math.abs(rounded) >= size);
  const scaled = prefix ? rounded / prefix[0] : rounded;
  const text = scaled.toLocaleString('en-GB', { maximumSignificantDigits: significant });
  return prefix ? `${text} ${prefix[1]}` : text;
}

export type ValueSize = 'normal' | 'long' | 'longer';

/**
 * How large a formatted value may be drawn where its column is narrow: past 7 and 9
 * characters (9,638,445 and 123,456,789) it steps down a size instead of running into the
 * next column. The screens' CSS gives each size its font.
 */
export function valueSize(text: string): ValueSize {
  return text.length > 9 ? 'longer' : text.length > 7 ? 'long' : 'normal';
}

export function formatValue(v: SampleValue): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return v;
}

/** "now", "12 s ago", "4 min ago", "3 h ago", "2 d ago". */
export function formatAge(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'now';
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** "45 s", "12 min", "3 h 05 min", "2 d 4 h". */
export function formatDuration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${String(min % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

export function formatRate(perS: number): string {
  return perS >= 100 ? `${Math.round(perS).toLocaleString('en-GB')} /s` : `${perS.toFixed(1)} /s`;
}

export function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour12: false });
}

export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.toLocaleDateString('en-CA')} ${d.toLocaleTimeString('en-GB', { hour12: false })}`;
}
