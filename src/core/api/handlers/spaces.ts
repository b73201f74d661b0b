import type { SpaceDirectory } from '../../model/spaces/spaces';
import type { AreaHandlers } from '../dispatcher';

export function spaceHandlers(s: { spaces: SpaceDirectory }): AreaHandlers<'spaces'> {
  return {
    'spaces.list': (q) => s.spaces.list(q),
    'spaces.get': (q) => s.spaces.get(q.id),
  };
}
