import type { MethodOutput } from '../../../shared/contract';
import type { QualityLimits, QualitySummary } from '../../../shared/contract/schemas/devices';
import { formatNumber } from '../../lib/format';
import type { SortDir } from '../../lib/sort-state';
import { spaceLabel, type SpaceIndex } from '../../state/space-names';

export type DeviceItem = MethodOutput<'devices.list'>['devices'][number];

export type DeviceSortKey = 'device' | 'state' | 'lastSeen' | 'rate' | 'quality' | 'battery' | 'signal' | 'points' | 'profile' | 'space';
export type StateFilter = 'all' | 'online' | 'offline';
export type QualityFilter = 'all' | 'good' | 'uncertain' | 'bad';

/** Columns whose order moves with live data: ordered as of a moment, so rows do not jump while read. */
export const liveDeviceSortKeys: ReadonlySet<DeviceSortKey> = new Set(['state', 'lastSeen', 'rate', 'quality', 'battery', 'signal']);

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const levelRank = { good: 0, uncertain: 1, bad: 2 } as const;

/** Every whitespace-separated term must appear in the key, name, space (its id, or its room and storey names) or profile. */
export function filterDevices(
  devices: readonly DeviceItem[],
  text: string,
  state: StateFilter,
  quality: QualityFilter,
  spaces: SpaceIndex | null = null,
): DeviceItem[] {
  const terms = text.toLowerCase().split(/\s+/).filter(Boolean);
  return devices.filter((d) => {
    if (state !== 'all' && d.online !== (state === 'online')) return false;
    if (quality !== 'all' && d.qualityNow !== quality) return false;
    if (terms.length === 0) return true;
    const space = d.spaceId === null ? '' : `${d.spaceId}\u0000${spaceLabel(spaces, d.spaceId)}`;
    const hay = `${d.key}\u0000${d.name}\u0000${space}\u0000${d.profile ?? ''}`.toLowerCase();
    return terms.every((t) => hay.includes(t));
  });
}

/** A battery reported in % below this is shown as needing attention. */
const LOW_BATTERY_PCT = 20;

export function lowBattery(d: DeviceItem): boolean {
  return d.battery !== null && d.battery.unit === '%' && d.battery.value < LOW_BATTERY_PCT;
}

/** Share of good samples over the window; null before any sample. */
export function goodShare(q: QualitySummary): number | null {
  const n = q.good + q.uncertain + q.bad;
  return n === 0 ? null : q.good / n;
}

/** The value each column sorts by; null sorts last whichever the direction. */
function sortValue(d: DeviceItem, key: DeviceSortKey): number | string | null {
  switch (key) {
    case 'device':
      return d.name;
    case 'state':
      return d.online ? 1 : 0;
    case 'lastSeen':
      return d.lastSeen;
    case 'rate':
      return d.ratePerMin;
    case 'quality': {
      // The worst current quality first when descending, then the lowest share of good samples.
      if (d.qualityNow === null) return null;
      return levelRank[d.qualityNow] * 2 + (1 - (goodShare(d.quality) ?? 1));
    }
    case 'battery':
      return d.battery?.value ?? null;
    case 'signal':
      return d.signal?.value ?? null;
    case 'points':
      return d.pointCount;
    case 'profile':
      return d.profile;
    case 'space':
      return d.spaceId;
  }
}

/** Sorts by one column; ties fall back to the key so the order is stable. */
export function sortDevices(devices: readonly DeviceItem[], key: DeviceSortKey, dir: SortDir): DeviceItem[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...devices].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null || vb === null) return va !== null ? -1 : vb !== null ? 1 : collator.compare(a.key, b.key);
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return sign * c || collator.compare(a.key, b.key);
  });
}

/** The position of each device in an order taken at one moment. */
export function rankOf(devices: readonly DeviceItem[]): Map<number, number> {
  return new Map(devices.map((d, i) => [d.id, i]));
}

/** Keeps an order taken earlier; devices that were not there then follow, by key. */
export function keepOrder(devices: readonly DeviceItem[], ranks: ReadonlyMap<number, number>): DeviceItem[] {
  return [...devices].sort((a, b) => {
    const ra = ranks.get(a.id);
    const rb = ranks.get(b.id);
    if (ra === undefined || rb === undefined) return ra !== undefined ? -1 : rb !== undefined ? 1 : collator.compare(a.key, b.key);
    return ra - rb;
  });
}

/** "every 60 s, offline after 3 missed" — or that no interval is known yet. */
export function describeHeartbeat(expectedIntervalS: number | null, missed: number, learned: boolean): string {
  if (expectedIntervalS === null) return 'no interval known yet: it is learned from the first messages';
  const every = expectedIntervalS < 120 ? `${formatNumber(expectedIntervalS)} s` : `${formatNumber(expectedIntervalS / 60)} min`;
  return `${learned ? 'about every' : 'every'} ${every}${learned ? ' (learned)' : ''}, offline after ${missed} missed`;
}

/** A limit set as text: "−10 … 60 °C · ≤ 1 °C/s · flat ≥ 4 h · never decreases". */
export function describeLimits(l: QualityLimits, unit: string | null): string {
  const u = unit ? ` ${unit}` : '';
  const parts: string[] = [];
  const has = (v: number | null | undefined): v is number => typeof v === 'number';
  if (has(l.min) && has(l.max)) parts.push(`${formatNumber(l.min)} … ${formatNumber(l.max)}${u}`);
  else if (has(l.min)) parts.push(`≥ ${formatNumber(l.min)}${u}`);
  else if (has(l.max)) parts.push(`≤ ${formatNumber(l.max)}${u}`);
  if (has(l.maxRatePerS)) parts.push(`≤ ${formatNumber(l.maxRatePerS)}${u}/s`);
  if (has(l.flatlineS)) parts.push(`flat > ${l.flatlineS >= 3600 ? `${formatNumber(l.flatlineS / 3600)} h` : `${formatNumber(l.flatlineS / 60)} min`}`);
  if (has(l.staleS)) parts.push(`stale > ${formatNumber(l.staleS)} s`);
  if (l.neverDecreases) parts.push('never decreases');
  return parts.length === 0 ? 'no limits' : parts.join(' · ');
}
