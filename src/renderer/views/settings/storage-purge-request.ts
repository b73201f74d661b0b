import type { z } from 'zod';
import type { MethodInput } from '../../../shared/contract';
import type { PointKind } from '../../../shared/contract/schemas/points';
import { storageSeries, type StorageSeries } from '../../../shared/contract/schemas/storage';

type Kind = z.infer<typeof PointKind>;

/** What the purge form holds; empty lists mean "all". */
export interface PurgeChoice {
  /** Only rows older than this many days; null for every age. */
  olderThanDays: number | null;
  series: StorageSeries[];
  kinds: Kind[];
  devices: { id: number; key: string }[];
  points: { id: number; key: string }[];
}

const DAY_MS = 86_400_000;

export const seriesText: Record<StorageSeries, string> = {
  raw: 'raw samples',
  '1m': '1-minute rollups',
  '1h': '1-hour rollups',
};

/** The days field: empty for every age, else a positive number of days. */
export function parseDays(text: string): { ok: true; days: number | null } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '') return { ok: true, days: null };
  const n = Number(t);
  if (!Number.isFinite(n) || n <= 0) return { ok: false, error: 'a number of days above 0, or empty for every age' };
  return { ok: true, days: n };
}

export function purgeRequest(choice: PurgeChoice, now: number): MethodInput<'storage.purge'> {
  return {
    confirm: true,
    ...(choice.olderThanDays !== null ? { olderThan: Math.round(now - choice.olderThanDays * DAY_MS) } : {}),
    ...(choice.series.length > 0 && choice.series.length < storageSeries.length ? { series: choice.series } : {}),
    ...(choice.kinds.length > 0 ? { kinds: choice.kinds } : {}),
    ...(choice.devices.length > 0 ? { devices: choice.devices.map((d) => d.id) } : {}),
    ...(choice.points.length > 0 ? { points: choice.points.map((p) => p.id) } : {}),
  };
}

const list = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

const named = (what: string, keys: string[]): string =>
  keys.length <= 3 ? `${keys.length === 1 ? what : `${what}s`} ${list(keys)}` : `${keys.length} ${what}s`;

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Which points the purge reaches, from the ticks in the usage tables. */
export function selectionText(points: number, devices: number): string {
  if (points === 0 && devices === 0) return 'Every point: tick points or devices in the tables above to narrow the purge.';
  if (devices === 0) return `Only the ${plural(points, 'ticked point')}.`;
  if (points === 0) return `Only the points of the ${plural(devices, 'ticked device')}.`;
  return `Only the ${plural(points, 'ticked point')}, and of them those on the ${plural(devices, 'ticked device')}.`;
}

/** The purge in words, for the confirmation step: what goes, of which points, from when. */
export function describePurge(choice: PurgeChoice, now: number, formatTime: (ms: number) => string): string {
  const series =
    choice.series.length === 0 || choice.series.length === storageSeries.length
      ? 'all stored history (raw samples and both rollups)'
      : list(choice.series.map((s) => seriesText[s]));
  const age =
    choice.olderThanDays === null ? 'of every age' : `older than ${choice.olderThanDays} days (before ${formatTime(now - choice.olderThanDays * DAY_MS)})`;
  const scope: string[] = [];
  if (choice.points.length > 0) scope.push(named('point', choice.points.map((p) => p.key)));
  if (choice.devices.length > 0) scope.push(named('device', choice.devices.map((d) => d.key)));
  const of = scope.length > 0 ? `of ${scope.join(' on ')}` : 'of every point';
  const kinds = choice.kinds.length > 0 ? `, ${list(choice.kinds)} points only` : '';
  return `Delete ${series} ${age} ${of}${kinds}. This cannot be undone.`;
}
