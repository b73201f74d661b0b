import type { DemoPoint } from '../building';
import { gaussian } from './random';

/** Units whose readings cannot leave 0..100. */
const PERCENT_UNITS = new Set(['%', '%RH']);

/**
 * What a device reports for a true value: measurement noise, then its resolution
 * (0.1 °C, 1 ppm …). Readings of non-negative quantities stay non-negative; registers
 * carry no noise, so rounding keeps them from ever going back.
 */
export function readout(point: DemoPoint, value: number | boolean, next: () => number): number | boolean {
  if (typeof value === 'boolean') return value;
  let v = point.noise > 0 ? value + point.noise * gaussian(next) : value;
  if (value >= 0) v = Math.max(0, v);
  if (point.unit !== null && PERCENT_UNITS.has(point.unit)) v = Math.min(100, v);
  return roundTo(v, point.resolution);
}

/** Rounds to a step and drops binary noise (0.30000000000000004 → 0.3). */
export function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  return Number((Math.round(value / step) * step).toFixed(decimals));
}
