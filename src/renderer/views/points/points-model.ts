import type { Point } from '../../../shared/contract/schemas/points';
import { qualityLevel } from '../../../shared/quality';
import type { SortDir } from '../../lib/sort-state';
import type { LiveValue } from '../../state/latest-store';
import { spaceLabel, type SpaceIndex } from '../../state/space-names';

export type SortKey = 'point' | 'value' | 'quality' | 'age' | 'device' | 'space';
export type GroupBy = 'none' | 'space' | 'device';

/** Columns whose order moves with live data: sorted as of a moment, not continuously, so rows do not jump while read. */
export const liveSortKeys: ReadonlySet<SortKey> = new Set(['value', 'quality', 'age']);

export interface PointGroup {
  key: string;
  label: string;
  points: Point[];
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Every whitespace-separated term must appear in the key, name, unit, device, space (its id, or
 * its room and storey names) or tags.
 */
export function filterPoints(points: readonly Point[], text: string, spaces: SpaceIndex | null = null): Point[] {
  const terms = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...points];
  return points.filter((p) => {
    const space = p.spaceId === null ? '' : `${p.spaceId}\u0000${spaceLabel(spaces, p.spaceId)}`;
    const hay = `${p.key}\u0000${p.name}\u0000${p.unit ?? ''}\u0000${p.deviceKey}\u0000${space}\u0000${p.tags.join(' ')}`.toLowerCase();
    return terms.every((t) => hay.includes(t));
  });
}

const levelRank = { good: 0, uncertain: 1, bad: 2 } as const;

/** Numbers, then booleans, then text, each in its natural order. */
function compareValues(a: LiveValue['value'], b: LiveValue['value']): number {
  const rank = (v: LiveValue['value']): number => (typeof v === 'number' ? 0 : typeof v === 'boolean' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

/**
 * Sorts by one column; points without a value go last whichever the direction, and ties
 * fall back to the key so the order is stable.
 */
export function sortPoints(points: readonly Point[], key: SortKey, dir: SortDir, latest: (id: number) => LiveValue | undefined): Point[] {
  const sign = dir === 'asc' ? 1 : -1;
  const byKey = (a: Point, b: Point): number => collator.compare(a.key, b.key);
  const live = (cmp: (a: LiveValue, b: LiveValue) => number) => (a: Point, b: Point): number => {
    const va = latest(a.id);
    const vb = latest(b.id);
    if (!va || !vb) return va ? -1 : vb ? 1 : byKey(a, b);
    return sign * cmp(va, vb) || byKey(a, b);
  };
  const compare: Record<SortKey, (a: Point, b: Point) => number> = {
    point: (a, b) => sign * byKey(a, b),
    device: (a, b) => sign * collator.compare(a.deviceKey, b.deviceKey) || byKey(a, b),
    space: (a, b) => {
      if (a.spaceId === null || b.spaceId === null) return a.spaceId !== null ? -1 : b.spaceId !== null ? 1 : byKey(a, b);
      return sign * collator.compare(a.spaceId, b.spaceId) || byKey(a, b);
    },
    value: live((a, b) => compareValues(a.value, b.value)),
    quality: live((a, b) => levelRank[qualityLevel(a.quality)] - levelRank[qualityLevel(b.quality)]),
    // Ascending age: the freshest first.
    age: live((a, b) => b.ts - a.ts),
  };
  return [...points].sort(compare[key]);
}

/**
 * Groups keep the order of the sorted list inside them; the groups themselves are in the natural
 * order of their keys (storey by storey, room by room). Space groups are labelled with the room's name.
 */
export function groupPoints(points: readonly Point[], by: GroupBy, spaces: SpaceIndex | null = null): PointGroup[] {
  if (by === 'none') return [{ key: '', label: '', points: [...points] }];
  const groups = new Map<string, PointGroup>();
  for (const p of points) {
    const key = by === 'space' ? (p.spaceId ?? '') : p.deviceKey;
    let g = groups.get(key);
    if (!g) {
      g = { key, label: by === 'device' ? key : key ? spaceLabel(spaces, key) : 'No space', points: [] };
      groups.set(key, g);
    }
    g.points.push(p);
  }
  return [...groups.values()].sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : collator.compare(a.key, b.key)));
}

/** The device as shown in a row: its key without the space prefix it shares with the point. */
export function deviceLabel(p: Point): string {
  return p.spaceId && p.deviceKey.startsWith(`${p.spaceId}/`) ? p.deviceKey.slice(p.spaceId.length + 1) : p.deviceKey;
}
