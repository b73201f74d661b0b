import type { QualityLimits } from '../../../shared/contract/schemas/devices';
import type { Point } from '../registry';

const HOUR_S = 3600;

interface LimitRow {
  /** The point's unit must be one of these. */
  units: readonly string[];
  /** Every tag listed must be on the point (tags or name: discovered points have no tags yet). */
  tags?: readonly string[];
  limits: QualityLimits;
}

/**
 * Physical limits by unit and tags, checked top to bottom: the first row that fits a point gives
 * its limits. Ranges are what the quantity can physically be in a building, not comfort bands:
 * a value outside is a broken sensor or a wrong scaling. Rates are per second and generous, so
 * that only a jump no real process makes is called a spike.
 */
const limitTable: readonly LimitRow[] = [
  { units: ['°C'], tags: ['air'], limits: { min: -50, max: 150, maxRatePerS: 1, flatlineS: 4 * HOUR_S } },
  { units: ['°C'], tags: ['water'], limits: { min: -20, max: 150, maxRatePerS: 1, flatlineS: 4 * HOUR_S } },
  { units: ['°C'], limits: { min: -60, max: 300, maxRatePerS: 2 } },
  { units: ['°F'], limits: { min: -76, max: 572, maxRatePerS: 3.6 } },
  { units: ['K'], limits: { min: 0, max: 600 } },
  { units: ['%RH'], limits: { min: 0, max: 100, maxRatePerS: 5, flatlineS: 4 * HOUR_S } },
  { units: ['ppm'], tags: ['co2'], limits: { min: 0, max: 10_000, maxRatePerS: 200, flatlineS: 6 * HOUR_S } },
  { units: ['ppm'], limits: { min: 0, max: 10_000 } },
  { units: ['%'], limits: { min: 0, max: 100 } },
  { units: ['lx'], limits: { min: 0, max: 200_000 } },
  { units: ['W/m²'], limits: { min: 0, max: 1_500 } },
  { units: ['W', 'kW', 'MW'], limits: { min: 0 } },
  { units: ['Wh', 'kWh', 'MWh'], limits: { min: 0, neverDecreases: true } },
  { units: ['m³', 'L'], tags: ['meter'], limits: { min: 0, neverDecreases: true } },
  { units: ['m³', 'L'], limits: { min: 0 } },
  { units: ['m³/h', 'm³/s', 'L/s', 'L/min'], limits: { min: 0 } },
  { units: ['m/s'], limits: { min: 0, max: 100 } },
  { units: ['V', 'A', 'Hz'], limits: { min: 0 } },
  { units: ['dBm'], limits: { min: -150, max: 30 } },
];

/** What the assessor checks, flattened: an absent check is ±Infinity, so every test is one comparison. */
export interface Rules {
  min: number;
  max: number;
  maxRatePerS: number;
  flatlineMs: number;
  /** NaN: follow the device's expected interval. Infinity: never stale. */
  staleMs: number;
  neverDecreases: boolean;
}

function fits(row: LimitRow, point: Point): boolean {
  if (point.unit === null || !row.units.includes(point.unit)) return false;
  const name = point.name.toLowerCase();
  return (row.tags ?? []).every((t) => point.tags.includes(t) || name.includes(t));
}

/** The built-in limits of a point; a point with no unit gets only its kind's checks. */
export function tableLimits(point: Point): QualityLimits {
  return limitTable.find((row) => fits(row, point))?.limits ?? {};
}

/** Layers limits: each key set (or null) in a later layer replaces the one below. */
export function mergeLimits(...layers: (QualityLimits | null | undefined)[]): QualityLimits {
  const out: QualityLimits = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer) as [keyof QualityLimits, QualityLimits[keyof QualityLimits]][]) {
      if (v !== undefined) (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

/**
 * Limits as the assessor applies them to a point of a given kind: spikes and flatlines are
 * judged only on sensors, since setpoints, commands and status points move in steps or rest.
 */
export function toRules(limits: QualityLimits, point: Point): Rules {
  const sensor = point.kind === 'sensor';
  const numeric = point.valueType === 'number';
  const num = (v: number | null | undefined, none: number): number => (v === null || v === undefined ? none : v);
  return {
    min: numeric ? num(limits.min, -Infinity) : -Infinity,
    max: numeric ? num(limits.max, Infinity) : Infinity,
    maxRatePerS: numeric && sensor ? num(limits.maxRatePerS, Infinity) : Infinity,
    flatlineMs: numeric && sensor ? num(limits.flatlineS, Infinity) * 1000 : Infinity,
    staleMs: limits.staleS === null ? Infinity : limits.staleS === undefined ? NaN : limits.staleS * 1000,
    neverDecreases: numeric && limits.neverDecreases === true,
  };
}
