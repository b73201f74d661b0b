import type { Handlers } from '../dispatcher';
import type { Services } from './services';

export function spaceHandlers(s: Services): Pick<Handlers, 'spaces.list' | 'spaces.get'> {
  return {
    'spaces.list': (q) => s.spaces.list(q),

    'spaces.get': (q) => s.spaces.get(q.id),
  };
}
