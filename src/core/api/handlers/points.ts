import type { PointDirectory } from '../../model/points';
import type { AreaHandlers } from '../dispatcher';

export function pointHandlers(s: { points: PointDirectory }): AreaHandlers<'points'> {
  return {
    'points.list': (q) => s.points.list(q),
    'points.latest': (q) => ({ values: s.points.latestOf(q.ids) }),
  };
}
