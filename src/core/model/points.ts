import type { MethodParams } from '../../shared/contract';
import type { LatestValue, Point } from '../../shared/contract/schemas/points';
import type { LatestValues } from './latest-values';
import type { Registry } from './registry';

/** The site's points as the contract lists them: searched, sorted, with their latest values. */
export class PointDirectory {
  constructor(
    private readonly registry: Registry,
    private readonly latest: LatestValues,
  ) {}

  list(q: MethodParams<'points.list'>): { points: Point[]; total: number } {
    const text = q.text?.toLowerCase();
    const matches: Point[] = [];
    for (const p of this.registry.points()) {
      if (q.deviceId !== undefined && p.deviceId !== q.deviceId) continue;
      if (q.spaceId !== undefined && p.spaceId !== q.spaceId) continue;
      if (q.tags && !q.tags.every((t) => p.tags.includes(t))) continue;
      if (text && !`${p.key}\u0000${p.name}\u0000${p.unit ?? ''}`.toLowerCase().includes(text)) continue;
      matches.push(p);
    }
    matches.sort((a, b) => a.key.localeCompare(b.key));
    return { points: matches.slice(0, q.limit), total: matches.length };
  }

  /** Latest values of the given points (those that have one), or of every point. */
  latestOf(ids?: readonly number[]): LatestValue[] {
    if (!ids) return [...this.latest.all()];
    const values: LatestValue[] = [];
    for (const id of ids) {
      const v = this.latest.get(id);
      if (v) values.push(v);
    }
    return values;
  }
}
