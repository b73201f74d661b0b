import { ApiError, ErrorCode, notFound } from '../../../shared/errors';
import type { Handlers } from '../dispatcher';
import type { Services } from './services';

export function pointHandlers(s: Services): Pick<Handlers, 'points.list' | 'points.latest' | 'history.query'> {
  return {
    'points.list': (q) => {
      const text = q.text?.toLowerCase();
      const matches = [];
      for (const p of s.registry.points()) {
        if (q.deviceId !== undefined && p.deviceId !== q.deviceId) continue;
        if (q.spaceId !== undefined && p.spaceId !== q.spaceId) continue;
        if (q.tags && !q.tags.every((t) => p.tags.includes(t))) continue;
        if (text && !`${p.key}\u0000${p.name}\u0000${p.unit ?? ''}`.toLowerCase().includes(text)) continue;
        matches.push(p);
      }
      matches.sort((a, b) => a.key.localeCompare(b.key));
      return { points: matches.slice(0, q.limit), total: matches.length };
    },

    'points.latest': (q) => {
      if (!q.ids) return { values: [...s.latest.all()] };
      const values = [];
      for (const id of q.ids) {
        const v = s.latest.get(id);
        if (v) values.push(v);
      }
      return { values };
    },

    'history.query': (q) => {
      const point = s.registry.pointById(q.point);
      if (!point) throw notFound(`point ${q.point}`);
      if (point.valueType === 'string') {
        throw new ApiError(ErrorCode.InvalidParams, `point ${point.key} holds text; it has no numeric history`);
      }
      return { point: q.point, ...s.history.query(q.point, q.from, q.to, q.maxPoints) };
    },
  };
}
