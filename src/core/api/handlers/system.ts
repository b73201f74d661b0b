import type { Handlers } from '../dispatcher';
import type { Services } from './services';

export function systemHandlers(s: Services): Pick<Handlers, 'system.health'> {
  return {
    'system.health': () => s.health(),
  };
}
